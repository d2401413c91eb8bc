package org.alws.api.learn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.config.Check;
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

    /**
     * The settings of this optimiser if its {@link #update} is exactly bias-corrected Adam with them, else empty
     * (the default). When present, its {@link #slotNames()} are the first and then the second moment, and a backend
     * with a fused Adam operation ({@link FusedAdam}) may apply that instead of {@link #update}: the same arithmetic
     * up to rounding.
     */
    default Optional<AdamSettings> adam() {
        return Optional.empty();
    }

    /** A parameter's new value and new slots. */
    record Update(Tensor value, Map<String, Tensor> slots) {
    }

    /**
     * Adam's settings: with moments m ← β1 m + (1 − β1) g and v ← β2 v + (1 − β2) g² and step t (1 on the first
     * update), the parameter moves by −lr · m̂ / (√v̂ + ε) with m̂ = m / (1 − β1ᵗ) and v̂ = v / (1 − β2ᵗ).
     *
     * @param learningRate lr, positive
     * @param beta1 β1, in [0, 1)
     * @param beta2 β2, in [0, 1)
     * @param epsilon ε, positive
     */
    record AdamSettings(double learningRate, double beta1, double beta2, double epsilon) {
        /** Validates. */
        public AdamSettings {
            Check.positive("learningRate", learningRate);
            Check.inRange("beta1", beta1, 0, Math.nextDown(1.0));
            Check.inRange("beta2", beta2, 0, Math.nextDown(1.0));
            Check.positive("epsilon", epsilon);
        }
    }
}
