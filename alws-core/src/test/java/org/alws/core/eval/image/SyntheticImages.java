package org.alws.core.eval.image;

import java.util.SplittableRandom;
import org.alws.api.data.ArrayDataset;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Small labelled images for tests: three classes of {@code side}×{@code side} patterns in [−1, 1] (horizontal
 * stripes, vertical stripes, a bright centred square), each with a random phase or size and Gaussian pixel noise.
 */
final class SyntheticImages {
    /** The number of classes. */
    static final int CLASSES = 3;

    private SyntheticImages() {
    }

    /** {@code n} labelled images, flattened to [n, side²] or as [n, side, side, 1]. */
    static ArrayDataset labelled(int n, int side, long seed, boolean flatten) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] pixels = new float[n * side * side];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES;
            draw(labels[i], side, r, pixels, i * side * side);
        }
        Shape shape = flatten ? Shape.of(n, side * side) : Shape.of(n, side, side, 1);
        return new ArrayDataset(HostArray.ofFloats(shape, pixels), labels);
    }

    /** One image of class {@code label} into {@code out} at {@code offset}. */
    static void draw(int label, int side, SplittableRandom r, float[] out, int offset) {
        int phase = r.nextInt(4);
        int half = 2 + r.nextInt(Math.max(1, side / 4));
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean on = switch (label) {
                    case 0 -> (y + phase) % 4 < 2;
                    case 1 -> (x + phase) % 4 < 2;
                    default -> Math.abs(2 * y + 1 - side) < 2 * half && Math.abs(2 * x + 1 - side) < 2 * half;
                };
                double v = (on ? 1 : -1) + 0.3 * gaussian(r);
                out[offset + y * side + x] = (float) Math.max(-1, Math.min(1, v));
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
