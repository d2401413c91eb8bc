package org.alws.core.reconstruct;

import org.alws.api.tensor.HostArray;

/**
 * What the denoising experiment measured for one model: the images, their reconstructions and the squared errors.
 * Both errors are against the <em>clean</em> image: the mean over pixels of (E[x | ẑ] − x_clean)², per image.
 *
 * @param clean the test images [M, ...]
 * @param noisy the images with flipped pixels
 * @param reconstructed the reconstructions of the clean images (MAP on the clean image)
 * @param denoised the reconstructions of the noisy images (MAP on the noisy image)
 * @param reconstructionMse per-image mean squared error of {@code reconstructed} against {@code clean}
 * @param denoisingMse per-image mean squared error of {@code denoised} against {@code clean}
 */
public record DenoisingResult(HostArray clean, HostArray noisy, HostArray reconstructed, HostArray denoised,
        double[] reconstructionMse, double[] denoisingMse) {

    /** The mean and its standard error (sample standard deviation / √n; 0 for a single value). */
    public record Summary(double mean, double standardError) {
        /** Of the given values. */
        public static Summary of(double[] values) {
            int n = values.length;
            double mean = 0;
            for (double v : values) {
                mean += v / n;
            }
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Summary(mean, n < 2 ? 0 : Math.sqrt(squares / (n - 1) / n));
        }
    }

    /** Mean reconstruction MSE with its standard error. */
    public Summary reconstruction() {
        return Summary.of(reconstructionMse);
    }

    /** Mean denoising MSE with its standard error. */
    public Summary denoising() {
        return Summary.of(denoisingMse);
    }

    /**
     * The mean squared error of the noisy images themselves against the clean ones (the fraction of flipped pixels
     * for binary images), with its standard error: what denoising has to beat.
     */
    public Summary noise() {
        return Summary.of(Denoising.mse(noisy, clean));
    }
}
