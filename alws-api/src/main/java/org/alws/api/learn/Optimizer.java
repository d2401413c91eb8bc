package org.alws.api.learn;

import java.util.List;
import java.util.Map;
import org.alws.api.tensor.Tensor;

/**
 * A first-order optimiser as an in-graph update rule: given a parameter, its gradient, its slots (per-parameter
 * state, e.g. Adam's moments) and the 1-based step count, it returns the new value and slots. The framework keeps
 * the slots as workspace variables (so checkpoints hold the optimiser state) and applies the update inside the
 * same compiled function that computes the gradient.
 */
public interface Optimizer {

    /** Names of the per-parameter state tensors, each of the parameter's shape and initially zero. */
    List<String> slotNames();

    /**
     * The update of one parameter. {@code step} is a floating scalar, 1 on the first update.
     * Implementations descend: the gradient is that of a loss to minimise.
     */
    Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step);

    /** A parameter's new value and new slots. */
    record Update(Tensor value, Map<String, Tensor> slots) {
    }
}
