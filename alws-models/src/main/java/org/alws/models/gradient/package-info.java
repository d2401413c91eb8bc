/**
 * The gradient-estimation experiment (design notes §6.1): a two-dimensional latent model whose score ∇_b log p(x)
 * is known exactly by quadrature, so that gradient estimators (ALWS and the baselines) can be compared against the
 * truth; and its synthetic data set.
 *
 * <p>Model: z ~ N(0, I₂), x | z ~ N(softplus(b·z) − ‖b‖², σ_x²), with b learnable and σ_x fixed.
 */
package org.alws.models.gradient;
