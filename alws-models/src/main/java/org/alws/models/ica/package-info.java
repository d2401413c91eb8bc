/**
 * Independent component analysis, the experiment with a non-Gaussian latent that has a kink at zero: z ~ Laplace(0,
 * I_k), x ~ N(W z, σ² I), learned by ALWS without any posterior or reparameterisation.
 *
 * <p>Model ({@code ica}, {@link org.alws.models.ica.IcaModel}) and data ({@code ica},
 * {@link org.alws.models.ica.IcaDataProvider}: Laplace sources mixed by a seeded random matrix A plus Gaussian noise).
 * {@link org.alws.models.ica.AmariIndex} measures how far the learned mixing is from A up to permutation and scale,
 * and {@link org.alws.models.ica.IcaReport} draws the recovered filters next to A. The preset {@code ica}
 * ({@link org.alws.models.ica.IcaPreset}) trains 8 sources in 16 dimensions on a CPU.
 */
package org.alws.models.ica;
