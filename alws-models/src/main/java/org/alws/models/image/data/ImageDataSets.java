package org.alws.models.image.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * What the image data sets share: finding the four IDX files of the MNIST layout in a directory, reading them with
 * {@link IdxReader}, and turning 8-bit images into a labelled FLOAT32 {@link Dataset} as {@link ImageDataOptions}
 * say (scaling, padding, subset, shape).
 *
 * <p>Random choices come from the split's stream ({@code seeds.child("train")} or {@code seeds.child("test")}): the
 * subset from its child {@code subset}, and the binarisation of the image at index i of the file from draw i of its
 * child {@code binarise}, so an image is binarised the same way whichever subset it lands in.
 */
public final class ImageDataSets {
    /** The training images' file name without {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** The training labels' file name without {@code .gz}. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** The test images' file name without {@code .gz}. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** The test labels' file name without {@code .gz}. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The side of a padded image. */
    public static final int PADDED_SIDE = 32;

    private ImageDataSets() {
    }

    /** The four file names with {@code .gz}, comma-separated, for messages. */
    public static String fileList() {
        return TRAIN_IMAGES + ".gz, " + TRAIN_LABELS + ".gz, " + TEST_IMAGES + ".gz, " + TEST_LABELS + ".gz";
    }

    /**
     * Reads the training and test files of {@code options.directory()} and prepares both splits.
     *
     * @param dataset the data set's name, which starts every message
     * @param howToGet what the user can do when the directory or a file is missing (the end of those messages)
     * @throws DataException for a missing directory or file, or a malformed file
     * @throws ConfigException for a subset larger than the split or padding of images larger than 32×32
     */
    public static DataSplits load(String dataset, ImageDataOptions options, SeedStream seeds, String howToGet) {
        Path directory = directory(dataset, options.directory(), howToGet);
        LabelledImages train = IdxReader.readLabelled(file(dataset, directory, TRAIN_IMAGES, howToGet),
                file(dataset, directory, TRAIN_LABELS, howToGet));
        LabelledImages test = IdxReader.readLabelled(file(dataset, directory, TEST_IMAGES, howToGet),
                file(dataset, directory, TEST_LABELS, howToGet));
        return new DataSplits(
                prepare(dataset, train, options, options.trainSize(), "trainSize", seeds.child("train")),
                prepare(dataset, test, options, options.testSize(), "testSize", seeds.child("test")));
    }

    /** The directory named by the option, which must exist. */
    static Path directory(String dataset, String name, String howToGet) {
        if (name.isBlank()) {
            throw new DataException(dataset + ": no directory given; " + howToGet);
        }
        Path directory = Path.of(name);
        if (!Files.exists(directory)) {
            throw new DataException(dataset + ": directory " + directory + " does not exist; " + howToGet);
        }
        if (!Files.isDirectory(directory)) {
            throw new DataException(dataset + ": " + directory + " is not a directory; " + howToGet);
        }
        return directory;
    }

    /** {@code name} in the directory, raw if present, else gzipped ({@code name.gz}). */
    static Path file(String dataset, Path directory, String name, String howToGet) {
        Path raw = directory.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gzipped = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        throw new DataException(dataset + ": directory " + directory + " holds neither " + name + ".gz nor " + name
                + "; " + howToGet);
    }

    /**
     * The images as a labelled FLOAT32 data set: a subset of {@code size} examples (0: all), scaled, optionally padded
     * to 32×32, of shape [H, W, 1] or [H·W].
     *
     * @param dataset the data set's name, for messages
     * @param sizeField the option that gave {@code size}, for messages
     * @param split the split's seed stream
     * @throws ConfigException if {@code size} exceeds the images' count, or padding is asked of images over 32×32
     */
    public static Dataset prepare(String dataset, LabelledImages images, ImageDataOptions options, int size,
            String sizeField, SeedStream split) {
        if (size > images.count()) {
            throw new ConfigException(sizeField, dataset + ": " + sizeField + " is " + size + " but the split has only "
                    + images.count() + " examples; expected 0 (all) to " + images.count());
        }
        int rows = images.rows();
        int columns = images.columns();
        if (options.padTo32() && (rows > PADDED_SIDE || columns > PADDED_SIDE)) {
            throw new ConfigException("padTo32", dataset + ": padTo32 needs images of at most " + PADDED_SIDE + "x"
                    + PADDED_SIDE + ", got " + rows + "x" + columns);
        }
        int[] chosen = size == 0 ? identity(images.count()) : subset(images.count(), size, split.child("subset"));
        int outRows = options.padTo32() ? PADDED_SIDE : rows;
        int outColumns = options.padTo32() ? PADDED_SIDE : columns;
        int top = (outRows - rows) / 2;
        int left = (outColumns - columns) / 2;
        int outSize = outRows * outColumns;
        long total = (long) chosen.length * outSize;
        if (total > IdxReader.MAX_ARRAY) {
            throw new DataException(dataset + ": " + chosen.length + " images of " + outRows + "x" + outColumns
                    + " need " + total + " floats, more than an array holds; choose a smaller " + sizeField);
        }
        float[] out = new float[(int) total];
        ImageScaling scaling = options.scaling();
        if (scaling.background() != 0f) {
            Arrays.fill(out, scaling.background());
        }
        float[] table = new float[256];
        if (scaling != ImageScaling.BINARISED) {
            for (int v = 0; v < 256; v++) {
                table[v] = scaling.value(v);
            }
        }
        SeedStream binarise = split.child("binarise");
        byte[] pixels = images.pixels();
        int[] labels = new int[chosen.length];
        int imageSize = images.imageSize();
        for (int j = 0; j < chosen.length; j++) {
            int image = chosen[j];
            labels[j] = images.labels()[image];
            SplittableRandom random = scaling == ImageScaling.BINARISED ? binarise.random(image) : null;
            for (int r = 0; r < rows; r++) {
                int from = image * imageSize + r * columns;
                int to = j * outSize + (r + top) * outColumns + left;
                for (int c = 0; c < columns; c++) {
                    int v = pixels[from + c] & 0xFF;
                    // nextInt(255) is uniform on 0..254, so the pixel is 1 with probability exactly v/255.
                    out[to + c] = random == null ? table[v] : random.nextInt(255) < v ? 1f : 0f;
                }
            }
        }
        Shape example = options.flatten() ? Shape.of(outSize) : Shape.of(outRows, outColumns, 1);
        return new ArrayDataset(HostArray.ofFloats(example.prepend(chosen.length), out), labels);
    }

    /** {@code size} distinct indices of 0..n−1 drawn uniformly, in increasing order. */
    static int[] subset(int n, int size, SeedStream stream) {
        int[] all = identity(n);
        SplittableRandom random = stream.random(0);
        for (int i = 0; i < size; i++) {
            int k = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[k];
            all[k] = swap;
        }
        int[] chosen = Arrays.copyOf(all, size);
        Arrays.sort(chosen);
        return chosen;
    }

    private static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
