package org.alws.api.backend;

import java.util.List;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The body of a function to compile: given the operations of a fresh function and its symbolic inputs, it returns
 * the outputs (and may read, differentiate and assign workspace variables). It runs once per input signature.
 */
@FunctionalInterface
public interface FunctionBody {
    List<Tensor> trace(TensorOps ops, List<Tensor> inputs);
}
