package org.alws.tensorflow;

import org.alws.api.contract.OptimizerContract;
import org.alws.api.learn.Optimizer;

/** The published {@link OptimizerContract} run on gradient descent with momentum, whose velocity is a slot. */
class HeavyBallContractTest extends OptimizerContract {

    @Override
    protected Optimizer optimizer() {
        return new ParameterUpdatesTest.HeavyBall(1e-3, 0.9);
    }
}
