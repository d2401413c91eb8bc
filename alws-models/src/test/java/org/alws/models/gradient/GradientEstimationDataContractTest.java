package org.alws.models.gradient;

import org.alws.api.contract.DatasetContract;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/** The published {@link DatasetContract} run on the gradient-estimation data with 200 training and 50 test examples. */
class GradientEstimationDataContractTest extends DatasetContract {

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new GradientEstimationDataProvider().load(
                new GradientEstimationDataProvider.Options(new double[] {1.0, 0.5}, 0.5, 200, 50), seeds);
    }
}
