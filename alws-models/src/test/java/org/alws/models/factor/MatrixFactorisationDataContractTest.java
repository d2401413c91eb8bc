package org.alws.models.factor;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} run on the synthetic factorisation data, 200 training and 50 test images. */
class MatrixFactorisationDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new MatrixFactorisationDataProvider().load(new MatrixFactorisationDataProvider.Options(12, 3, 4.0, 200,
                50), seeds);
    }
}
