package org.alws.core.optim;

import org.alws.api.contract.OptimizerContract;
import org.alws.api.learn.Optimizer;

/** The published {@link OptimizerContract} run on {@link Sgd} with learning rate 1e-3 and Nesterov momentum 0.9. */
class SgdNesterovContractTest extends OptimizerContract {

    @Override
    protected Optimizer optimizer() {
        return new Sgd(new SgdOptions(1e-3, 0.9, true));
    }
}
