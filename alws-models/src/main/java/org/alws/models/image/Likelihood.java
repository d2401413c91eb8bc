package org.alws.models.image;

/** The observation model of the {@link MlpDecoderModel}: how the decoder's output scores the pixels. */
public enum Likelihood {
    /** Each pixel is Bernoulli with the decoder's output as its logit (binary or binarised images). */
    BERNOULLI,
    /** Each pixel is Normal with the decoder's output as its mean and one learnable scalar log σ for all pixels. */
    GAUSSIAN
}
