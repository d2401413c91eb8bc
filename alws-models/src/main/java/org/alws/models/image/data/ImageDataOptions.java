package org.alws.models.image.data;

import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of the image data sets: those of {@code fashion-mnist}, and of {@code mnist} apart from its source format
 * ({@link MnistDataProvider.Options#images()}).
 *
 * @param directory the directory holding the four IDX files, gzipped or not
 * @param scaling how pixel values become floats
 * @param padTo32 whether to pad images with the background value to 32×32, centred
 * @param trainSize training examples: 0 for all, else a seeded random subset of that size
 * @param testSize test examples: 0 for all, else a seeded random subset of that size
 * @param flatten whether examples are vectors [H·W] instead of images [H, W, 1] (channels last)
 */
public record ImageDataOptions(
        @Doc(DIRECTORY_DOC) String directory,
        @Doc(SCALING_DOC) ImageScaling scaling,
        @Doc(PAD_DOC) boolean padTo32,
        @Doc(TRAIN_SIZE_DOC) int trainSize,
        @Doc(TEST_SIZE_DOC) int testSize,
        @Doc(FLATTEN_DOC) boolean flatten) {
    static final String FILES_DOC = "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
            + "t10k-labels-idx1-ubyte, each gzipped (.gz) or not";
    static final String DIRECTORY_DOC = "Directory holding " + FILES_DOC;
    static final String SCALING_DOC = "Pixel scaling: continuous (v/255 mapped to [-1, 1]), binarised (1 with "
            + "probability v/255, drawn from the data seed) or unit (v/255 in [0, 1])";
    static final String PAD_DOC = "Pad images with the background value to 32x32 (the deconvolutional decoder's "
            + "output size)";
    static final String TRAIN_SIZE_DOC = "Training examples: 0 for all, else a seeded random subset of that size";
    static final String TEST_SIZE_DOC = "Test examples: 0 for all, else a seeded random subset of that size";
    static final String FLATTEN_DOC = "Examples as vectors [H*W] (true) or as images [H, W, 1], channels last (false)";

    /** Validates. */
    public ImageDataOptions {
        if (directory == null) {
            throw new ConfigException("directory", null, "a directory path");
        }
        if (scaling == null) {
            throw new ConfigException("scaling", null, "one of continuous, binarised, unit");
        }
        Check.atLeast("trainSize", trainSize, 0);
        Check.atLeast("testSize", testSize, 0);
    }

    /** These options with another directory. */
    public ImageDataOptions withDirectory(String newDirectory) {
        return new ImageDataOptions(newDirectory, scaling, padTo32, trainSize, testSize, flatten);
    }
}
