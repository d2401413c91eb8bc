package org.alws.models.mixture;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} run on the mixture data with 200 training and 50 test examples. */
class GaussianMixtureDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new GaussianMixtureDataProvider().load(new GaussianMixtureDataProvider.Options(5, 4.0, 200, 50), seeds);
    }
}
