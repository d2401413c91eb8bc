/**
 * A discrete-latent model and its synthetic data: the Gaussian mixture, whose marginal log p(x) and score
 * ∇θ log p(x) are exact (the latent component is summed out with a log-sum-exp, the score is the
 * responsibility-weighted complete-data score), so learners and gradient estimators can be compared against the
 * truth on a model whose latent is a category.
 *
 * <p>Model ({@code gaussian-mixture}): z ~ Categorical(softmax(logits)) over K components, x | z ~ N(μ_z, diag σ_z²)
 * in D dimensions, σ = exp(logScales); learnable {@code logits} [K], {@code means} [K, D], {@code logScales} [K, D].
 * Its host-side numerics live in {@link org.alws.models.mixture.GaussianMixtureParameters}.
 *
 * <p>Data ({@code gaussian-mixture}): draws from a fixed 2-D generator with components on a circle, unequal weights
 * and unequal, anisotropic scales ({@link org.alws.models.mixture.GaussianMixtureDataProvider#groundTruth}).
 */
package org.alws.models.mixture;
