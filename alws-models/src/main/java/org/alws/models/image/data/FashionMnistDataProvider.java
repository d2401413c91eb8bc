package org.alws.models.image.data;

import com.google.auto.service.AutoService;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 60,000 training and 10,000 test grey-scale 28×28 images of ten
 * kinds of clothing, 6,000 training and 1,000 test images per class, with their labels. Read from the original IDX
 * files, by default where the Debian package {@code dataset-fashion-mnist} installs them
 * ({@value #DEFAULT_DIRECTORY}); options as in {@link ImageDataOptions}.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class FashionMnistDataProvider implements DatasetProvider<ImageDataOptions> {
    /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
    public static final String DEFAULT_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** Below the default data set's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "fashion-mnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST: 60,000 + 10,000 labelled 28x28 clothing images from IDX files (default: the Debian "
                + "package's directory)";
    }

    @Override
    public ImageDataOptions defaultOptions() {
        return new ImageDataOptions(DEFAULT_DIRECTORY, ImageScaling.CONTINUOUS, false, 0, 0, false);
    }

    /** What to do when the files are missing: install the Debian package or name a directory. */
    public static String howToGet() {
        return "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set "
                + "data.directory to a directory holding " + ImageDataSets.fileList();
    }

    @Override
    public DataSplits load(ImageDataOptions options, SeedStream seeds) {
        return ImageDataSets.load(name(), options, seeds, howToGet());
    }
}
