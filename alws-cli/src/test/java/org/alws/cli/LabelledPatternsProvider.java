package org.alws.cli;

import java.util.SplittableRandom;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * A test-only labelled image data set, {@code labelled-patterns}: flattened 16×16 images in [−1, 1] of three classes
 * (horizontal stripes, vertical stripes, a centred square) with Gaussian pixel noise. Registered by a test's plugin
 * JAR ({@link FakePlugins#jar}), not on the class path.
 */
public final class LabelledPatternsProvider implements DatasetProvider<LabelledPatternsProvider.Options> {
    /** The side of the images. */
    static final int SIDE = 16;

    /**
     * Options.
     *
     * @param trainSize training images
     * @param testSize test images
     */
    public record Options(@Doc("training images, >= 3") int trainSize, @Doc("test images, >= 3") int testSize) {
        /** Validates. */
        public Options {
            Check.atLeast("trainSize", trainSize, 3);
            Check.atLeast("testSize", testSize, 3);
        }
    }

    @Override
    public String name() {
        return "labelled-patterns";
    }

    @Override
    public String description() {
        return "test images of three labelled patterns";
    }

    @Override
    public Options defaultOptions() {
        return new Options(300, 150);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        return new DataSplits(images(options.trainSize(), seeds.child("train").random(0)),
                images(options.testSize(), seeds.child("test").random(0)));
    }

    private static ArrayDataset images(int n, SplittableRandom r) {
        float[] pixels = new float[n * SIDE * SIDE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            int phase = r.nextInt(4);
            int half = 2 + r.nextInt(4);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean on = switch (labels[i]) {
                        case 0 -> (y + phase) % 4 < 2;
                        case 1 -> (x + phase) % 4 < 2;
                        default -> Math.abs(2 * y + 1 - SIDE) < 2 * half && Math.abs(2 * x + 1 - SIDE) < 2 * half;
                    };
                    double noise = Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                    pixels[(i * SIDE + y) * SIDE + x] = (float) Math.max(-1, Math.min(1, (on ? 1 : -1) + 0.3 * noise));
                }
            }
        }
        return new ArrayDataset(HostArray.ofFloats(Shape.of(n, SIDE * SIDE), pixels), labels);
    }
}
