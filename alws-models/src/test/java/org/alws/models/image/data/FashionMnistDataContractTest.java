package org.alws.models.image.data;

import java.nio.file.Path;
import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published {@link DatasetContract} run on {@code fashion-mnist} over synthetic raw IDX files in a directory of
 * their own (60 training and 20 test images of 28×28), continuous and flattened, every example.
 */
class FashionMnistDataContractTest extends DatasetContract {
    @TempDir
    static Path directory;

    @BeforeAll
    static void writeFiles() {
        IdxTestFiles.writeDataSet(directory, 60, 20, 28, 28, false);
    }

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new FashionMnistDataProvider().load(
                new ImageDataOptions(directory.toString(), ImageScaling.CONTINUOUS, false, 0, 0, true), seeds);
    }
}
