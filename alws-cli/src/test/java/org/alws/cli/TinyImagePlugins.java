package org.alws.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.config.NoOptions;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.preset.JsonConfiguration;
import org.alws.api.preset.PresetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * A tiny labelled image data set and a preset that trains a tiny {@code mlp-decoder} on it, for the tests of
 * {@code alws run} and {@code alws compare}. They are registered only through the plugin JAR {@link #jar} writes.
 */
final class TinyImagePlugins {
    /** The system property naming the classifier cache directory of the preset's fid and kid metrics. */
    static final String CACHE_PROPERTY = "alws.test.tinyImages.cache";
    /** Side of an image. */
    static final int SIDE = 8;
    /** Training images. */
    static final int TRAIN = 240;
    /** Examples per step of the preset. */
    static final int BATCH = 40;

    private TinyImagePlugins() {
    }

    /** Writes a plugin JAR registering the data set and the preset into {@code dir}. */
    static Path jar(Path dir) throws IOException {
        return FakePlugins.jar(dir.resolve("tiny-images.jar"), Map.of(
                DatasetProvider.class, List.of(TinyImagesData.class.getName()),
                PresetProvider.class, List.of(TinyImagesPreset.class.getName())));
    }

    /**
     * {@code tiny-images}: 8 × 8 images flattened to 64 pixels in [−1, 1], labelled 0 (a vertical bar in a random
     * column) or 1 (a horizontal bar in a random row), with a little pixel noise; 240 training and 60 test images.
     */
    public static final class TinyImagesData implements DatasetProvider<NoOptions> {
        @Override
        public String name() {
            return "tiny-images";
        }

        @Override
        public String description() {
            return "a test data set of 8x8 bars";
        }

        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }

        @Override
        public DataSplits load(NoOptions options, SeedStream seeds) {
            return new DataSplits(images(TRAIN, seeds.random(0)), images(60, seeds.random(1)));
        }

        private static ArrayDataset images(int n, SplittableRandom random) {
            float[] pixels = new float[n * SIDE * SIDE];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(2);
                int line = random.nextInt(SIDE);
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        boolean on = labels[i] == 0 ? c == line : r == line;
                        pixels[i * SIDE * SIDE + r * SIDE + c] = (on ? 0.9f : -0.9f)
                                + (float) (0.1 * (random.nextDouble() - 0.5));
                    }
                }
            }
            return new ArrayDataset(HostArray.ofFloats(Shape.of(n, SIDE * SIDE), pixels), labels);
        }
    }

    /**
     * {@code tiny-images}: ALWS on a tiny Gaussian {@code mlp-decoder} over {@code tiny-images}, 2 epochs of 6 steps,
     * FID and KID on 40 samples every epoch (their classifier cached under the directory named by the system
     * property {@value #CACHE_PROPERTY}). It has no paper variant.
     */
    public static final class TinyImagesPreset implements PresetProvider {
        @Override
        public String name() {
            return "tiny-images";
        }

        @Override
        public String description() {
            return "a test preset: a tiny decoder on 8x8 bars";
        }

        @Override
        public Map<String, Object> configuration() {
            String cache = System.getProperty(CACHE_PROPERTY, "");
            String metric = "{\"samples\": 40, \"batchSize\": 40, \"kidSubsets\": 2, \"classifierSteps\": 20, "
                    + "\"cacheDir\": \"" + cache.replace("\\", "\\\\") + "\"}";
            return JsonConfiguration.parse("the tiny-images preset", """
                    {
                      "seed": 3,
                      "model": {"name": "mlp-decoder", "options": {"latent": 2, "hidden": 16, "layers": 1,
                                "pixels": 64, "likelihood": "gaussian", "initialLogSigma": -1.0}},
                      "data": {"name": "tiny-images"},
                      "learner": {"name": "alws", "options": {"sleepSamples": 60}},
                      "regressor": {"name": "rff", "options": {"features": 40, "featureMap": "projection",
                                    "featureDimension": 8}},
                      "optimizer": {"name": "adam", "options": {"learningRate": 0.01}},
                      "metrics": [{"name": "fid", "options": %s}, {"name": "kid", "options": %s}],
                      "training": {"epochs": 2, "batchSize": %d, "logEvery": 2, "checkpointEvery": 6,
                                   "evalEveryEpochs": 1}
                    }
                    """.formatted(metric, metric, BATCH));
        }
    }
}
