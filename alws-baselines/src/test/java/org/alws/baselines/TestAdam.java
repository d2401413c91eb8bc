package org.alws.baselines;

import java.util.List;
import java.util.Map;
import org.alws.api.learn.Optimizer;
import org.alws.api.tensor.Tensor;

/** Adam with bias correction for the tests (the API has no optimiser of its own). */
record TestAdam(double learningRate) implements Optimizer {
    @Override
    public List<String> slotNames() {
        return List.of("m", "v");
    }

    @Override
    public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
        Tensor m = slots.get("m").mul(0.9).add(gradient.mul(0.1));
        Tensor v = slots.get("v").mul(0.999).add(gradient.square().mul(0.001));
        Tensor s = step.cast(value.dtype());
        Tensor mHat = m.div(s.ops().scalar(0.9, value.dtype()).pow(s).rsub(1.0));
        Tensor vHat = v.div(s.ops().scalar(0.999, value.dtype()).pow(s).rsub(1.0));
        return new Update(value.sub(mHat.div(vHat.sqrt().add(1e-8)).mul(learningRate)), Map.of("m", m, "v", v));
    }
}
