package org.alws.core.eval.image;

import org.alws.api.ConfigException;
import org.alws.api.tensor.Shape;

/**
 * The layout of image examples: height, width and channels (NHWC). Examples of shape [H, W, C] and [H, W] are images
 * as they are; flattened examples [D] are square single-channel images when D is a perfect square.
 *
 * @param height H, at least 1
 * @param width W, at least 1
 * @param channels C, at least 1
 */
public record ImageGeometry(int height, int width, int channels) {
    /** Validates. */
    public ImageGeometry {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("an image needs positive dimensions, got " + height + "x" + width
                    + "x" + channels);
        }
    }

    /**
     * The geometry of examples of shape {@code example}.
     *
     * @throws ConfigException if the examples are not images: rank 2 or 3, or rank 1 with a square size
     */
    public static ImageGeometry of(Shape example) {
        long[] d = example.dims();
        if (d.length == 3) {
            return new ImageGeometry(Math.toIntExact(d[0]), Math.toIntExact(d[1]), Math.toIntExact(d[2]));
        }
        if (d.length == 2) {
            return new ImageGeometry(Math.toIntExact(d[0]), Math.toIntExact(d[1]), 1);
        }
        if (d.length == 1) {
            int side = (int) Math.round(Math.sqrt(d[0]));
            if ((long) side * side == d[0] && side > 0) {
                return new ImageGeometry(side, side, 1);
            }
        }
        throw new ConfigException("data", "the image classifier needs image examples of shape [H, W, C], [H, W] or "
                + "flattened [D] with D a perfect square; the data set's examples have shape " + example);
    }

    /** H · W · C. */
    public int pixels() {
        return height * width * channels;
    }

    /** The shape of a batch of {@code n} images, [n, H, W, C]. */
    public Shape batch(long n) {
        return Shape.of(n, height, width, channels);
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
