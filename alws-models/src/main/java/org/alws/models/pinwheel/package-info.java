/**
 * A hierarchical latent-variable model ({@code pinwheel}): a mixture component c, a 2-D latent y given c and a 2-D
 * observation whose mean is an MLP of y ({@link org.alws.models.pinwheel.PinwheelModel}), trained on the pinwheel
 * distribution ({@link org.alws.models.pinwheel.Pinwheel}, {@link org.alws.models.pinwheel.PinwheelDataProvider}),
 * whose density is exact by a change of variables. The model's held-out log-likelihood is estimated by importance
 * sampling with the component summed out ({@link org.alws.models.pinwheel.PinwheelLikelihood}, the metric
 * {@code pinwheel-loglik}) and compared with the data's own.
 */
package org.alws.models.pinwheel;
