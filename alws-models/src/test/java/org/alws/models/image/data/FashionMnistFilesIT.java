package org.alws.models.image.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@code fashion-mnist} on the real files of the Debian package {@code dataset-fashion-mnist}. Run by Failsafe in
 * the Maven profile {@code fashion-mnist-files} of this module, which is active exactly when
 * {@code /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz} exists; a machine without the package does
 * not run it, rather than skipping it silently.
 */
class FashionMnistFilesIT {
    private static final SeedStream SEEDS = SeedStream.root(1).child("data");
    private final FashionMnistDataProvider provider = new FashionMnistDataProvider();

    @Test
    void theFilesHoldSixtyAndTenThousandImagesOf28x28() {
        Path directory = Path.of(FashionMnistDataProvider.DEFAULT_DIRECTORY);
        IdxFile train = IdxReader.readImages(directory.resolve("train-images-idx3-ubyte.gz"));
        IdxFile test = IdxReader.readImages(directory.resolve("t10k-images-idx3-ubyte.gz"));
        assertThat(train.dimensions()).containsExactly(60_000, 28, 28);
        assertThat(test.dimensions()).containsExactly(10_000, 28, 28);
    }

    @Test
    void continuousDataHaveEveryExampleSixThousandPerClassAndSpanMinusOneToOne() {
        DataSplits d = provider.load(provider.defaultOptions(), SEEDS);
        assertThat(d.train().size()).isEqualTo(60_000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(d.train().exampleShape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(classCounts(d.train())).as("training images per class").containsOnly(6_000);
        assertThat(classCounts(d.test())).as("test images per class").containsOnly(1_000);
        // The files' first labels: ankle boot (9), then T-shirt/top (0); the first test image is an ankle boot too.
        assertThat(d.train().labels().orElseThrow()).startsWith(9, 0, 0, 3);
        assertThat(d.test().labels().orElseThrow()).startsWith(9, 2, 1, 1);
        for (Dataset split : new Dataset[] {d.train(), d.test()}) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : split.all().floats()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                // Every value is on the grid 2v/255 − 1 of 8-bit pixels.
                double level = (v + 1) * 127.5;
                assertThat(Math.abs(level - Math.rint(level))).isLessThan(1e-4);
            }
            assertThat(min).isEqualTo(-1f);
            assertThat(max).isEqualTo(1f);
        }
    }

    @Test
    void binarisedPixelsAverageTheUnitScaledPixels() {
        ImageDataOptions unit = new ImageDataOptions(FashionMnistDataProvider.DEFAULT_DIRECTORY, ImageScaling.UNIT,
                true, 0, 0, true);
        ImageDataOptions binarised = new ImageDataOptions(FashionMnistDataProvider.DEFAULT_DIRECTORY,
                ImageScaling.BINARISED, true, 0, 0, true);
        double unitMean = mean(provider.load(unit, SEEDS).train().all().floats());
        DataSplits b = provider.load(binarised, SEEDS);
        assertThat(b.train().exampleShape()).isEqualTo(Shape.of(1024));
        float[] values = b.train().all().floats();
        for (float v : values) {
            assertThat(v).isIn(0f, 1f);
        }
        // 61 million Bernoulli draws: the sd of their mean is below 1e-4.
        assertThat(mean(values)).isCloseTo(unitMean, within(1e-3));
        // Padding adds 240 zeros to 784 pixels; unpadded, the mean is Fashion-MNIST's published 0.2860.
        assertThat(unitMean * 1024 / 784).as("mean unit-scaled pixel").isCloseTo(0.2860, within(1e-4));
    }

    @Test
    void subsetsOfTheRealFilesKeepTheirLabels() {
        ImageDataOptions subset = new ImageDataOptions(FashionMnistDataProvider.DEFAULT_DIRECTORY,
                ImageScaling.UNIT, false, 5_000, 1_000, true);
        DataSplits d = provider.load(subset, SEEDS);
        assertThat(d.train().size()).isEqualTo(5_000);
        assertThat(d.test().size()).isEqualTo(1_000);
        int[] counts = classCounts(d.train());
        for (int k = 0; k < 10; k++) {
            // 5,000 of 60,000 drawn without replacement: 500 per class, sd about 20.
            assertThat(counts[k]).as("class %d in the subset", k).isBetween(400, 600);
        }
    }

    private static int[] classCounts(Dataset split) {
        int[] counts = new int[10];
        for (int label : split.labels().orElseThrow()) {
            counts[label]++;
        }
        return counts;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
