package org.alws.api.backend;

import java.util.List;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.Value;

/**
 * A function traced once into the backend's graph and run many times. Calls are thread-safe in the sense of the
 * backend's session; the caller closes the returned arrays.
 */
public interface CompiledFunction {
    String name();

    List<TensorSpec> inputs();

    List<TensorSpec> outputs();

    /**
     * Runs the function on values matching {@link #inputs()}, applying its variable assignments.
     *
     * @throws IllegalArgumentException naming the input whose shape or type does not match the signature
     * @throws org.alws.api.NumericalException if the backend reports a numerical failure (e.g. Cholesky of a
     *     matrix that is not positive definite)
     */
    List<DeviceArray> call(List<? extends Value> inputs);

    /** Shorthand for {@link #call(List)}. */
    default List<DeviceArray> call(Value... inputs) {
        return call(List.of(inputs));
    }
}
