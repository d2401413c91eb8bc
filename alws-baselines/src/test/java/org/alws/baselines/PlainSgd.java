package org.alws.baselines;

import java.util.List;
import java.util.Map;
import org.alws.api.learn.Optimizer;
import org.alws.api.tensor.Tensor;

/** Plain gradient descent for tests: one step's change is the gradient times the step size. */
record PlainSgd(double learningRate) implements Optimizer {
    @Override
    public List<String> slotNames() {
        return List.of();
    }

    @Override
    public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
        return new Update(value.sub(gradient.mul(learningRate)), Map.of());
    }
}
