package org.alws.tensorflow;

import java.util.List;
import java.util.Map;
import org.alws.api.contract.OptimizerContract;
import org.alws.api.learn.Optimizer;
import org.alws.api.tensor.Tensor;

/** The published {@link OptimizerContract} run on plain gradient descent (no slots), written here. */
class GradientDescentContractTest extends OptimizerContract {

    /** x ← x − lr g. */
    record GradientDescent(double learningRate) implements Optimizer {
        @Override
        public List<String> slotNames() {
            return List.of();
        }

        @Override
        public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
            return new Update(value.sub(gradient.mul(learningRate)), Map.of());
        }
    }

    @Override
    protected Optimizer optimizer() {
        return new GradientDescent(1e-3);
    }
}
