/**
 * Matrix factorisation of binary images (design.md §6, experiment 5), with its synthetic data.
 *
 * <p>Model ({@code matrix-factorisation}, {@link org.alws.models.factor.MatrixFactorisationModel}): k latents
 * z_i ~ U(0, 1) (default 100), D binary pixels x_d ~ Bernoulli(sigmoid(Σ_i w_id logit(z_i) + b_d)) (default 784,
 * observed flattened as [D]), non-negative weights parameterised as W = exp(V) (parameter {@code logW}), biases
 * {@code b}, and a Gamma(priorShape, priorRate) prior on every weight added as a MAP penalty with
 * {@link org.alws.api.model.Trace#factor} (it is not a latent: W is a point estimate). The Bernoulli observation is an
 * exponential family, so ALWS takes its exponential-family path; the model supplies a reparameterised logit-normal
 * guide ({@link org.alws.models.factor.MatrixFactorisationGuide}) for vae, rws and the other guide-based learners.
 *
 * <p>Data ({@code matrix-factorisation}, {@link org.alws.models.factor.MatrixFactorisationDataProvider}): draws of
 * a fixed generator of the same family, for tests and for trying the model without image files.
 */
package org.alws.models.factor;
