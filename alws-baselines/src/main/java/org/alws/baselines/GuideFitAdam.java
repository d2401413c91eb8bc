package org.alws.baselines;

import java.util.List;
import java.util.Map;
import org.alws.api.learn.Optimizer;
import org.alws.api.tensor.Tensor;

/**
 * Adam (default moments) for the guide steps taken before a score estimate, whatever the run's optimiser: its
 * slots are named {@code fit-m} and {@code fit-v} so that they never share state with a training optimiser's.
 */
record GuideFitAdam(double learningRate) implements Optimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    @Override
    public List<String> slotNames() {
        return List.of("fit-m", "fit-v");
    }

    @Override
    public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
        Tensor m = slots.get("fit-m").mul(BETA1).add(gradient.mul(1 - BETA1));
        Tensor v = slots.get("fit-v").mul(BETA2).add(gradient.square().mul(1 - BETA2));
        Tensor s = step.cast(value.dtype());
        Tensor mHat = m.div(s.ops().scalar(BETA1, value.dtype()).pow(s).rsub(1.0));
        Tensor vHat = v.div(s.ops().scalar(BETA2, value.dtype()).pow(s).rsub(1.0));
        Tensor next = value.sub(mHat.div(vHat.sqrt().add(EPSILON)).mul(learningRate));
        return new Update(next, Map.of("fit-m", m, "fit-v", v));
    }
}
