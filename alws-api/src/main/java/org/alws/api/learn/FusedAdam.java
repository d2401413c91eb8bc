package org.alws.api.learn;

import org.alws.api.backend.Variable;
import org.alws.api.tensor.Tensor;

/**
 * Implemented by the {@link org.alws.api.tensor.TensorOps} of a backend that has a fused, in-place Adam update.
 * {@link ParameterUpdates} uses it for an optimiser whose {@link Optimizer#adam()} is present, in place of the
 * optimiser's {@link Optimizer#update} (one pass over a parameter and its moments instead of a dozen).
 */
public interface FusedAdam {

    /**
     * Adds one Adam update of {@code variable} and its moments to the function being traced. Like an assignment,
     * it takes effect after every output of the function has been computed from the old values, and only when the
     * BOOL scalar {@code condition} holds; otherwise the three variables keep their values.
     *
     * @param variable the parameter
     * @param m its first moment, of its shape and type
     * @param v its second moment, of its shape and type
     * @param gradient the gradient of the loss with respect to the parameter
     * @param step the floating scalar step count t of this update, 1 on the first
     * @param settings Adam's settings
     * @param condition BOOL scalar: whether to update
     */
    void applyAdam(Variable variable, Variable m, Variable v, Tensor gradient, Tensor step,
            Optimizer.AdamSettings settings, Tensor condition);
}
