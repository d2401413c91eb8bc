package org.alws.models.ring;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} run on 200 training and 50 test Gabor patches with pixel noise. */
class GaborDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new GaborDataProvider().load(new GaborDataProvider.Options(1.0, 0.3, 0.8, 0.0, 0.05, 200, 50), seeds);
    }
}
