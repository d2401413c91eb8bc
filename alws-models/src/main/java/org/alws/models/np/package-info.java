/**
 * Neural processes on sine functions, the experiment with a conditional model: a latent z drawn from a prior that
 * depends on context points, and the values at target locations given z.
 *
 * <p>Model ({@code neural-process}, {@link org.alws.models.np.NeuralProcessModel}: a mean-pooled encoder of the
 * context pairs gives p(z | context), a decoder p(y | x, z); it conditions on the inputs {@code x} and
 * {@code contextY}, and its guide is the same encoder on all targets) and data ({@code sine-functions},
 * {@link org.alws.models.np.SineFunctionsDataProvider}: a·sin(x − b) with noise, rows [y_T | x_T | y_C]). The metric
 * {@code np-predictive} ({@link org.alws.models.np.NeuralProcessPredictiveMetric}) estimates the predictive
 * log-likelihood of held-out targets given the context, {@link org.alws.models.np.NeuralProcessFigure} draws
 * predictive bands, and the preset {@code neural-process} ({@link org.alws.models.np.NeuralProcessPreset}) trains it
 * by ALWS.
 */
package org.alws.models.np;
