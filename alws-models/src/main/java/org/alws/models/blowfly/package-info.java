/**
 * Nicholson's blowfly population dynamics (design.md §6.3), the dynamical-model experiment: a latent path with a
 * discrete delay, gamma process noises and a log-normal observation, learned by ALWS on the plain log-joint path.
 *
 * <p>Model ({@code blowfly}, {@link org.alws.models.blowfly.BlowflyModel}): τ ~ Categorical over {1, ..., K}; birth
 * and death noises e_t, ε_t ~ Gamma(1/σ², 1/σ²); μ_t = P x_{t−τ} exp(−x_{t−τ}/N₀) e_t + x_{t−1} exp(−δ ε_t) and
 * x_t ~ LogNormal(log μ_t, σ_n²) after a learned window of W values ({@link org.alws.models.blowfly.BlowflyPath}).
 *
 * <p>Data ({@code blowfly}, {@link org.alws.models.blowfly.BlowflyDataProvider}): the 180 counts shipped with this
 * package, or any CSV of counts ({@link org.alws.models.blowfly.CountSeries}), divided by their maximum.
 *
 * <p>Checks and pictures: {@link org.alws.models.blowfly.SeriesStatistics} summarises a series (mean, standard
 * deviation, autocorrelations, dominant period by periodogram); the metric {@code series-statistics} compares
 * simulations of the model with the held-out series on them; {@link org.alws.models.blowfly.BlowflyReport} does the
 * same after training and draws the data against five simulations. The preset {@code blowfly}
 * ({@link org.alws.models.blowfly.BlowflyPreset}) trains it on a CPU, or at the reference's sizes with
 * {@code --paper}.
 */
package org.alws.models.blowfly;
