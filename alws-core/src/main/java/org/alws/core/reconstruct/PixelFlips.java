package org.alws.core.reconstruct;

import java.util.SplittableRandom;
import org.alws.api.DataException;
import org.alws.api.config.Check;
import org.alws.api.tensor.HostArray;

/**
 * The noise process of the denoising experiment: every pixel of a binary image is flipped (0 ↔ 1) independently
 * with probability p. The flips are drawn in row-major order, one uniform draw per pixel, so the noisy images are a
 * pure function of the images, p and the generator's seed.
 */
public final class PixelFlips {
    private PixelFlips() {
    }

    /**
     * {@code images} with each pixel flipped with probability {@code probability}, of the same shape and type.
     *
     * @throws org.alws.api.ConfigException if the probability is not in [0, 1)
     * @throws DataException naming the first pixel that is neither 0 nor 1
     */
    public static HostArray apply(HostArray images, double probability, SplittableRandom random) {
        checkProbability("flip", probability);
        int rows = images.shape().rank() == 0 ? 1 : Math.toIntExact(images.shape().dim(0));
        double[] x = images.doubles().clone();
        int perImage = rows == 0 ? 0 : x.length / rows;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0 && x[i] != 1) {
                throw new DataException("pixel flips need binary images (pixels 0 or 1): image " + i / perImage
                        + " has pixel " + i % perImage + " = " + x[i]);
            }
            if (random.nextDouble() < probability) {
                x[i] = 1 - x[i];
            }
        }
        return HostArray.of(images.shape(), images.dtype(), x);
    }

    /**
     * Checks a flip probability.
     *
     * @param field the name of the option, for the message
     * @throws org.alws.api.ConfigException unless 0 &lt;= p &lt; 1
     */
    static double checkProbability(String field, double probability) {
        if (!(probability >= 0 && probability < 1)) {
            throw new org.alws.api.ConfigException(field, probability, "a probability in [0, 1)");
        }
        return Check.finite(field, probability);
    }
}
