package org.alws.tensorflow;

import java.util.SplittableRandom;
import org.alws.api.contract.DatasetContract;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/** The published {@link DatasetContract} run on a small synthetic {@link ArrayDataset} drawn from the seed stream. */
class ArrayDatasetContractTest extends DatasetContract {

    private static ArrayDataset gaussian(SplittableRandom r, int n) {
        double[] v = new double[n * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return new ArrayDataset(HostArray.of(Shape.of(n, 2, 3), v));
    }

    @Override
    protected DataSplits load(SeedStream seeds) {
        return new DataSplits(gaussian(seeds.child("train").random(0), 40), gaussian(seeds.child("test").random(0), 9));
    }
}
