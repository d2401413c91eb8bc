package org.alws.models.pinwheel;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} run on the pinwheel data with 200 training and 50 test points. */
class PinwheelDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new PinwheelDataProvider().load(new PinwheelDataProvider.Options(5, 0.3, 0.1, 0.2, 200, 50), seeds);
    }
}
