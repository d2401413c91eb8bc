/**
 * Baseline learners under the ALWS API, each a {@link org.alws.api.learn.LearnerProvider} plugin and a
 * {@link org.alws.api.learn.ScoreEstimator}: {@code vae} (reparameterised ELBO), {@code iwae} (importance-weighted
 * bound, optionally with doubly-reparameterised encoder gradients), {@code rws} (reweighted wake-sleep) and
 * {@code wake-sleep} (the Helmholtz machine). They share one particle machinery: the data are tiled K times along
 * the batch axis, the guide proposes K·B latents in one batched run, the model scores them, and the log weights
 * log p(z, x) − log q(z | x) are reshaped to [K, B].
 */
package org.alws.baselines;
