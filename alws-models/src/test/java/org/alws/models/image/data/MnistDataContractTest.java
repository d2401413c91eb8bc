package org.alws.models.image.data;

import java.nio.file.Path;
import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published {@link DatasetContract} run on {@code mnist} over synthetic gzipped IDX files (120 training and 40
 * test images of 28×28), binarised, padded to 32×32, with seeded subsets of 50 and 20.
 */
class MnistDataContractTest extends DatasetContract {
    @TempDir
    static Path directory;

    @BeforeAll
    static void writeFiles() {
        IdxTestFiles.writeDataSet(directory, 120, 40, 28, 28, true);
    }

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new MnistDataProvider().load(
                new MnistDataProvider.Options(directory.toString(), MnistFormat.IDX, ImageScaling.BINARISED, true, 50,
                        20, false), seeds);
    }
}
