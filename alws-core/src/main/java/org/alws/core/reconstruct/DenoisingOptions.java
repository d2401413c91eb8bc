package org.alws.core.reconstruct;

import java.util.Objects;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * The denoising experiment: MAP reconstruction of the first {@code images} test images, clean and with every pixel
 * flipped with probability {@code flip}.
 *
 * @param images the number of test images, from the first
 * @param flip the probability of flipping each pixel, in [0, 1)
 * @param noiseSeed the seed of the flips (the same images get the same noise whatever the run)
 * @param map how the latents are found
 */
public record DenoisingOptions(
        @Doc("test images, from the first, >= 1") int images,
        @Doc("probability of flipping each pixel, in [0, 1)") double flip,
        @Doc("seed of the pixel flips") long noiseSeed,
        MapOptions map) {

    /** Validates. */
    public DenoisingOptions {
        Check.atLeast("images", images, 1);
        PixelFlips.checkProbability("flip", flip);
        Objects.requireNonNull(map, "map");
    }

    /** 1,000 images, 10% flips, noise seed 0, the default MAP ascent. */
    public static DenoisingOptions defaults() {
        return new DenoisingOptions(1000, 0.1, 0, MapOptions.defaults());
    }
}
