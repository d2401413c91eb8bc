package org.alws.models.blowfly;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} on the bundled blowfly series. */
class BlowflyDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        BlowflyDataProvider provider = new BlowflyDataProvider();
        return provider.load(provider.defaultOptions(), seeds);
    }
}
