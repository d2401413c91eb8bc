package org.alws.core.optim;

import org.alws.api.contract.OptimizerContract;
import org.alws.api.learn.Optimizer;

/** The published {@link OptimizerContract} run on {@link Adam} with its defaults (learning rate 1e-3). */
class AdamContractTest extends OptimizerContract {

    @Override
    protected Optimizer optimizer() {
        return new Adam(AdamOptions.defaults());
    }
}
