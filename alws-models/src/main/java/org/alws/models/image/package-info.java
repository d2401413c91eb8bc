/**
 * Image models for CPU-sized runs: the {@code mlp-decoder} deep latent Gaussian model, z ~ N(0, I_k) decoded by an
 * MLP into the logits of D Bernoulli pixels or the means of D Normal pixels with a learnable scalar log σ
 * ({@link org.alws.models.image.MlpDecoderModel}, provided by
 * {@link org.alws.models.image.MlpDecoderModelProvider}). Its defaults are the decoder of the classic MNIST VAE
 * (k = 20, 400 ReLU units, 784 pixels).
 */
package org.alws.models.image;
