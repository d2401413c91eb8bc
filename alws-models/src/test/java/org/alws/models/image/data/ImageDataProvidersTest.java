package org.alws.models.image.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.plugin.PluginKind;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fashion-mnist} and {@code mnist} providers on synthetic IDX files: descriptors and options, missing
 * directories and files, exact scaled and padded values, shapes, binarisation frequencies and reproducibility, and
 * seeded subsets that keep their labels.
 */
class ImageDataProvidersTest {
    private static final SeedStream SEEDS = SeedStream.root(11).child("data");
    private final FashionMnistDataProvider fashion = new FashionMnistDataProvider();
    private final MnistDataProvider mnist = new MnistDataProvider();

    @TempDir
    Path dir;

    private ImageDataOptions options(ImageScaling scaling, boolean pad, int trainSize, int testSize,
            boolean flatten) {
        return new ImageDataOptions(dir.toString(), scaling, pad, trainSize, testSize, flatten);
    }

    @Test
    void descriptorsDefaultsAndValidation() {
        assertThat(fashion.name()).isEqualTo("fashion-mnist");
        assertThat(mnist.name()).isEqualTo("mnist");
        assertThat(fashion.kind()).isEqualTo(PluginKind.DATASET);
        assertThat(mnist.kind()).isEqualTo(PluginKind.DATASET);
        assertThat(fashion.defaultOptions()).isEqualTo(new ImageDataOptions("/usr/share/datasets/fashion-mnist",
                ImageScaling.CONTINUOUS, false, 0, 0, false));
        assertThat(mnist.defaultOptions()).isEqualTo(new MnistDataProvider.Options("", MnistFormat.IDX,
                ImageScaling.CONTINUOUS, false, 0, 0, false));
        assertThatThrownBy(() -> new ImageDataOptions("/x", ImageScaling.UNIT, false, -1, 0, false))
                .isInstanceOf(ConfigException.class).hasMessage("trainSize: got -1, expected an integer >= 0");
        assertThatThrownBy(() -> new ImageDataOptions("/x", ImageScaling.UNIT, false, 0, -2, false))
                .isInstanceOf(ConfigException.class).hasMessage("testSize: got -2, expected an integer >= 0");
        assertThatThrownBy(() -> new ImageDataOptions("/x", null, false, 0, 0, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("scaling: got null, expected one of continuous, binarised, unit");
        assertThatThrownBy(() -> new ImageDataOptions(null, ImageScaling.UNIT, false, 0, 0, false))
                .isInstanceOf(ConfigException.class).hasMessage("directory: got null, expected a directory path");
    }

    @Test
    void aMissingDirectorySaysHowToGetTheData() {
        Path absent = dir.resolve("absent");
        assertThatThrownBy(() -> fashion.load(fashion.defaultOptions().withDirectory(absent.toString()), SEEDS))
                .isInstanceOf(DataException.class)
                .hasMessage("fashion-mnist: directory " + absent + " does not exist; install the Debian package "
                        + "dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set data.directory to a "
                        + "directory holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                        + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> mnist.load(mnist.defaultOptions(), SEEDS)).isInstanceOf(DataException.class)
                .hasMessage("mnist: no directory given; set data.directory to a directory holding "
                        + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                        + "t10k-labels-idx1-ubyte.gz (gzipped or not)");
        assertThatThrownBy(() -> mnist.load(mnist.defaultOptions().withSource(absent.toString(), MnistFormat.IDX),
                SEEDS))
                .isInstanceOf(DataException.class)
                .hasMessage("mnist: directory " + absent + " does not exist; set data.directory to a directory "
                        + "holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                        + "t10k-labels-idx1-ubyte.gz (gzipped or not)");
    }

    @Test
    void aMissingFileIsNamedWithBothSpellings() throws Exception {
        IdxTestFiles.writeDataSet(dir, 20, 10, 4, 4, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> mnist.load(idx(options(ImageScaling.UNIT, false, 0, 0, false)), SEEDS))
                .isInstanceOf(DataException.class)
                .hasMessage("mnist: directory " + dir + " holds neither t10k-labels-idx1-ubyte.gz nor "
                        + "t10k-labels-idx1-ubyte; " + MnistDataProvider.howToGet(MnistFormat.IDX));
    }

    @Test
    void gzippedAndRawDirectoriesGiveTheSameData() {
        Path gz = dir.resolve("gz");
        Path raw = dir.resolve("raw");
        IdxTestFiles.writeDataSet(mkdir(gz), 30, 12, 5, 3, true);
        IdxTestFiles.writeDataSet(mkdir(raw), 30, 12, 5, 3, false);
        ImageDataOptions o = options(ImageScaling.BINARISED, false, 0, 0, false);
        DataSplits a = fashion.load(o.withDirectory(gz.toString()), SEEDS);
        DataSplits b = fashion.load(o.withDirectory(raw.toString()), SEEDS);
        assertThat(a.train().all()).isEqualTo(b.train().all());
        assertThat(a.test().all()).isEqualTo(b.test().all());
        assertThat(a.train().size()).isEqualTo(30);
        assertThat(a.test().size()).isEqualTo(12);
    }

    @Test
    void continuousAndUnitScalingAreExactAndKeepShapeAndLabels() {
        IdxTestFiles.writeDataSet(dir, 20, 10, 4, 3, true);
        byte[] pixels = IdxTestFiles.pixels(20, 4, 3);
        DataSplits continuous = mnist.load(idx(options(ImageScaling.CONTINUOUS, false, 0, 0, false)), SEEDS);
        DataSplits unit = mnist.load(idx(options(ImageScaling.UNIT, false, 0, 0, true)), SEEDS);
        assertThat(continuous.train().exampleShape()).isEqualTo(Shape.of(4, 3, 1));
        assertThat(unit.train().exampleShape()).isEqualTo(Shape.of(12));
        assertThat(continuous.train().all().dtype()).isEqualTo(DType.FLOAT32);
        float[] c = continuous.train().all().floats();
        float[] u = unit.train().all().floats();
        for (int i = 0; i < pixels.length; i++) {
            int v = pixels[i] & 0xFF;
            assertThat(c[i]).as("continuous pixel %d (v = %d)", i, v).isEqualTo((float) (2.0 * v / 255 - 1));
            assertThat(u[i]).as("unit pixel %d (v = %d)", i, v).isEqualTo((float) (v / 255.0));
        }
        assertThat(ImageScaling.CONTINUOUS.value(0)).isEqualTo(-1f);
        assertThat(ImageScaling.CONTINUOUS.value(255)).isEqualTo(1f);
        assertThat(ImageScaling.UNIT.value(255)).isEqualTo(1f);
        assertThat(continuous.train().labels()).hasValue(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
            6, 7, 8, 9});
        assertThat(continuous.test().labels().orElseThrow()).hasSize(10);
    }

    @Test
    void paddingSurroundsTheImageWithTheBackgroundValue() {
        IdxTestFiles.writeDataSet(dir, 6, 2, 28, 28, false);
        byte[] pixels = IdxTestFiles.pixels(6, 28, 28);
        for (ImageScaling scaling : new ImageScaling[] {ImageScaling.CONTINUOUS, ImageScaling.UNIT,
            ImageScaling.BINARISED}) {
            Dataset padded = fashion.load(options(scaling, true, 0, 0, false), SEEDS).train();
            Dataset plain = fashion.load(options(scaling, false, 0, 0, false), SEEDS).train();
            assertThat(padded.exampleShape()).isEqualTo(Shape.of(32, 32, 1));
            float[] p = padded.all().floats();
            float[] q = plain.all().floats();
            float background = scaling == ImageScaling.CONTINUOUS ? -1f : 0f;
            for (int i = 0; i < 6; i++) {
                for (int r = 0; r < 32; r++) {
                    for (int col = 0; col < 32; col++) {
                        float v = p[i * 1024 + r * 32 + col];
                        boolean inside = r >= 2 && r < 30 && col >= 2 && col < 30;
                        float expected = inside ? q[i * 784 + (r - 2) * 28 + (col - 2)] : background;
                        assertThat(v).as("%s image %d pixel (%d, %d)", scaling, i, r, col).isEqualTo(expected);
                    }
                }
            }
            if (scaling != ImageScaling.BINARISED) {
                assertThat(q[5]).isEqualTo(scaling.value(pixels[5] & 0xFF));
            }
        }
        Dataset flat = fashion.load(options(ImageScaling.UNIT, true, 0, 0, true), SEEDS).train();
        assertThat(flat.exampleShape()).isEqualTo(Shape.of(1024));
    }

    @Test
    void paddingImagesLargerThan32IsRefused() {
        IdxTestFiles.writeDataSet(dir, 2, 2, 33, 30, true);
        assertThatThrownBy(() -> mnist.load(idx(options(ImageScaling.UNIT, true, 0, 0, false)), SEEDS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mnist: padTo32 needs images of at most 32x32, got 33x30");
    }

    @Test
    void binarisedPixelsAreOneWithProbabilityVOver255AndReproduciblePerSeed() {
        // 400 images of 16x16: (7i + 3p) mod 256 takes every value 0..255 equally often (i and p run over full
        // residues), 400 times each.
        IdxTestFiles.writeDataSet(dir, 400, 10, 16, 16, true);
        byte[] pixels = IdxTestFiles.pixels(400, 16, 16);
        ImageDataOptions o = options(ImageScaling.BINARISED, false, 0, 0, true);
        float[] b = mnist.load(idx(o), SEEDS).train().all().floats();
        long[] ones = new long[256];
        long[] total = new long[256];
        for (int i = 0; i < pixels.length; i++) {
            int v = pixels[i] & 0xFF;
            assertThat(b[i]).isIn(0f, 1f);
            total[v]++;
            ones[v] += (long) b[i];
        }
        assertThat(ones[0]).as("v = 0 is never 1").isZero();
        assertThat(ones[255]).as("v = 255 is always 1").isEqualTo(total[255]);
        double chiSquare = 0;
        int terms = 0;
        for (int v = 1; v < 255; v++) {
            double p = v / 255.0;
            double expected = total[v] * p;
            double sd = Math.sqrt(total[v] * p * (1 - p));
            assertThat(Math.abs(ones[v] - expected)).as("ones among %d pixels of value %d", total[v], v)
                    .isLessThan(5 * sd);
            chiSquare += (ones[v] - expected) * (ones[v] - expected) / (sd * sd);
            terms++;
        }
        // 254 degrees of freedom: mean 254, sd 22.5; 6 sd above the mean is beyond any honest fluctuation.
        assertThat(chiSquare).as("chi-square over %d values", terms).isLessThan(254 + 6 * 22.5);

        assertThat(mnist.load(idx(o), SEEDS).train().all().floats()).as("same seed").isEqualTo(b);
        assertThat(mnist.load(idx(o), SeedStream.root(12).child("data")).train().all().floats()).as("other seed")
                .isNotEqualTo(b);
    }

    @Test
    void subsetsAreSeededDistinctAndKeepTheirLabelsAndBinarisation() {
        IdxTestFiles.writeDataSet(dir, 200, 50, 3, 3, false);
        byte[] pixels = IdxTestFiles.pixels(200, 3, 3);
        DataSplits all = mnist.load(idx(options(ImageScaling.BINARISED, false, 0, 0, true)), SEEDS);
        DataSplits some = mnist.load(idx(options(ImageScaling.BINARISED, false, 37, 11, true)), SEEDS);
        assertThat(some.train().size()).isEqualTo(37);
        assertThat(some.test().size()).isEqualTo(11);
        assertThat(some.train().labels().orElseThrow()).hasSize(37);
        assertThat(some.test().labels().orElseThrow()).hasSize(11);

        // Identify each subset example by its unit-scaled pixels (every training image differs).
        float[] unitAll = mnist.load(idx(options(ImageScaling.UNIT, false, 0, 0, true)), SEEDS).train().all()
                .floats();
        float[] unitSome = mnist.load(idx(options(ImageScaling.UNIT, false, 37, 11, true)), SEEDS).train().all()
                .floats();
        int[] labelsAll = all.train().labels().orElseThrow();
        int[] labelsSome = some.train().labels().orElseThrow();
        float[] binAll = all.train().all().floats();
        float[] binSome = some.train().all().floats();
        int previous = -1;
        for (int j = 0; j < 37; j++) {
            int index = indexOf(unitAll, unitSome, j, 9);
            assertThat(index).as("subset example %d is in the file", j).isGreaterThan(previous);
            previous = index;
            assertThat(labelsSome[j]).as("label of subset example %d", j).isEqualTo(labelsAll[index]);
            assertThat(labelsSome[j]).isEqualTo(index % 10);
            for (int p = 0; p < 9; p++) {
                assertThat(binSome[9 * j + p]).as("binarised pixel %d of example %d", p, j)
                        .isEqualTo(binAll[9 * index + p]);
                assertThat(unitSome[9 * j + p]).isEqualTo((float) ((pixels[9 * index + p] & 0xFF) / 255.0));
            }
        }
        DataSplits again = mnist.load(idx(options(ImageScaling.UNIT, false, 37, 11, true)), SEEDS);
        DataSplits other = mnist.load(idx(options(ImageScaling.UNIT, false, 37, 11, true)),
                SeedStream.root(99).child("data"));
        assertThat(again.train().all().floats()).isEqualTo(unitSome);
        assertThat(other.train().all().floats()).isNotEqualTo(unitSome);
        assertThat(mnist.load(idx(options(ImageScaling.UNIT, false, 200, 50, true)), SEEDS).train().all().floats())
                .as("a subset of every example is the whole split in order").isEqualTo(unitAll);
    }

    @Test
    void aSubsetLargerThanTheSplitIsRefused() {
        IdxTestFiles.writeDataSet(dir, 20, 10, 2, 2, true);
        assertThatThrownBy(() -> fashion.load(options(ImageScaling.UNIT, false, 21, 0, false), SEEDS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("fashion-mnist: trainSize is 21 but the split has only 20 examples; expected 0 (all) to 20");
        assertThatThrownBy(() -> fashion.load(options(ImageScaling.UNIT, false, 0, 11, false), SEEDS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("fashion-mnist: testSize is 11 but the split has only 10 examples; expected 0 (all) to 10");
    }

    @Test
    void subsetIndicesAreUniform() {
        // Each index of 0..9 is chosen into a subset of 3 with probability 3/10.
        int[] counts = new int[10];
        int draws = 20_000;
        SeedStream stream = SeedStream.root(4).child("subsets");
        for (int d = 0; d < draws; d++) {
            int[] chosen = ImageDataSets.subset(10, 3, stream.child(Integer.toString(d)));
            assertThat(chosen).hasSize(3).doesNotHaveDuplicates().isSorted();
            for (int i : chosen) {
                counts[i]++;
            }
        }
        double sd = Math.sqrt(draws * 0.3 * 0.7);
        for (int i = 0; i < 10; i++) {
            assertThat(Math.abs(counts[i] - draws * 0.3)).as("times index %d was chosen", i).isLessThan(5 * sd);
        }
    }

    private static MnistDataProvider.Options idx(ImageDataOptions o) {
        return new MnistDataProvider.Options(o.directory(), MnistFormat.IDX, o.scaling(), o.padTo32(), o.trainSize(),
                o.testSize(), o.flatten());
    }

    private static int indexOf(float[] all, float[] some, int example, int size) {
        outer:
        for (int i = 0; i < all.length / size; i++) {
            for (int p = 0; p < size; p++) {
                if (all[i * size + p] != some[example * size + p]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Path mkdir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
