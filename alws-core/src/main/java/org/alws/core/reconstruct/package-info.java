/**
 * MAP reconstruction and denoising: the latents of each example found by gradient ascent on log p(x, z) in an
 * unconstrained parameterisation without its Jacobian ({@link org.alws.core.reconstruct.MapEstimator}), the
 * pixel-flip noise process ({@link org.alws.core.reconstruct.PixelFlips}) and the experiment that scores
 * reconstructions of clean and noisy test images against the clean ones
 * ({@link org.alws.core.reconstruct.Denoising}), as in the paper's matrix factorisation experiment.
 */
package org.alws.core.reconstruct;
