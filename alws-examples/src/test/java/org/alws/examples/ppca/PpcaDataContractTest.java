package org.alws.examples.ppca;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} run on synthetic PPCA data (D = 4, k = 2, 100 training, 30 test examples). */
class PpcaDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new PpcaDataProvider().load(new PpcaDataProvider.Options(4, 2, 0.5, 100, 30), seeds);
    }
}
