/**
 * Baseline learners under the ALWS API, each a {@link org.alws.api.learn.LearnerProvider} plugin and a
 * {@link org.alws.api.learn.ScoreEstimator}: {@code vae} (reparameterised ELBO), {@code iwae} (importance-weighted
 * bound, optionally with doubly-reparameterised encoder gradients), {@code rws} (reweighted wake-sleep) and
 * {@code wake-sleep} (the Helmholtz machine); the score-function learners {@code vimco} (leave-one-out baselines)
 * and {@code nvil} (a learned input-dependent baseline), which handle discrete latents; and the bounds of Rainforth
 * et al. (2018), {@code piwae}, {@code miwae} and {@code ciwae}. They share one particle machinery: the data are
 * tiled K times along the batch axis, the guide proposes K·B latents in one batched run, the model scores them, and
 * the log weights log p(z, x) − log q(z | x) are reshaped to [K, B].
 * {@code flow-vae} is the VAE (K = 1) or IWAE (K > 1) with a normalising-flow posterior, planar or inverse
 * autoregressive layers amortised by the encoder ({@link org.alws.baselines.flow}).
 */
package org.alws.baselines;
