/**
 * Image models: the {@code mlp-decoder} deep latent Gaussian model for CPU-sized runs, z ~ N(0, I_k) decoded by an
 * MLP into the logits of D Bernoulli pixels or the means of D Normal pixels with a learnable scalar log σ
 * ({@link org.alws.models.image.MlpDecoderModel}, provided by
 * {@link org.alws.models.image.MlpDecoderModelProvider}; its defaults are the decoder of the classic MNIST VAE:
 * k = 20, 400 ReLU units, 784 pixels), and the paper's {@code deconv-decoder}, z ~ N(0, I_16) decoded by four
 * transposed convolutions into a 32×32×1 image ({@link org.alws.models.image.DeconvDecoderModel}, provided by
 * {@link org.alws.models.image.DeconvDecoderModelProvider}).
 */
package org.alws.models.image;
