package org.alws.models.np;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} on a few sine functions (4 context among 8 targets). */
class SineFunctionsDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new SineFunctionsDataProvider().load(new SineFunctionsDataProvider.Options(200, 50, 100, 4, 8, 0.1,
                -0.5, 1.0, -0.5, 0.5), seeds);
    }
}
