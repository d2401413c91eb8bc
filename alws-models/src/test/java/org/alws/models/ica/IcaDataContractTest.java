package org.alws.models.ica;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} on small ICA data (k = 3 sources in D = 5 dimensions). */
class IcaDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new IcaDataProvider().load(new IcaDataProvider.Options(3, 5, 0.1, 200, 50), seeds);
    }
}
