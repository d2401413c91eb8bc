package org.alws.core.reconstruct;

import org.alws.api.DataException;
import org.alws.api.data.Dataset;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;

/**
 * The denoising experiment of the paper's matrix factorisation (design.md §6, experiment 5), for any model that MAP
 * reconstruction handles: take the images, flip each pixel with the options' probability ({@link PixelFlips},
 * drawn from the stream {@code denoising/flips} of the noise seed, so every model sees the same noisy images), find
 * the MAP latents of the clean and of the noisy images ({@link MapEstimator}), and score both reconstructions by
 * their mean squared error against the clean images.
 */
public final class Denoising {
    private Denoising() {
    }

    /** The first {@code images} examples of {@code test}. */
    public static HostArray firstImages(Dataset test, int images, String what) {
        if (images > test.size()) {
            throw new DataException(what + " has " + test.size() + " test images; " + images + " were asked for");
        }
        int[] idx = new int[images];
        for (int i = 0; i < images; i++) {
            idx[i] = i;
        }
        return test.examples(idx);
    }

    /** The noisy copy of {@code clean} that every model is given. */
    public static HostArray noisy(HostArray clean, DenoisingOptions options) {
        return PixelFlips.apply(clean, options.flip(),
                SeedStream.root(options.noiseSeed()).child("denoising").child("flips").random(0));
    }

    /** Reconstructs and denoises {@code clean} with the estimator's model. */
    public static DenoisingResult run(MapEstimator estimator, HostArray clean, DenoisingOptions options) {
        HostArray noisy = noisy(clean, options);
        HostArray reconstructed = estimator.estimate(clean).reconstruction();
        HostArray denoised = estimator.estimate(noisy).reconstruction();
        return new DenoisingResult(clean, noisy, reconstructed, denoised, mse(reconstructed, clean),
                mse(denoised, clean));
    }

    /** The mean over each image's elements of (a − b)². */
    static double[] mse(HostArray a, HostArray b) {
        int m = Math.toIntExact(a.shape().dim(0));
        double[] x = a.doubles();
        double[] y = b.doubles();
        int per = m == 0 ? 0 : x.length / m;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < per; j++) {
                double d = x[i * per + j] - y[i * per + j];
                s += d * d;
            }
            out[i] = s / per;
        }
        return out;
    }
}
