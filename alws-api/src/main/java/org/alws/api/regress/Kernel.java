package org.alws.api.regress;

import java.util.Optional;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/** A positive-definite kernel on feature vectors, with a bandwidth (length scale). */
public interface Kernel {

    /**
     * The Gram matrix {@code k(x_i, y_j)}, [N, M], for the rows of {@code x} [N, D] and {@code y} [M, D], at a
     * scalar bandwidth.
     */
    Tensor gram(Tensor x, Tensor y, Tensor bandwidth);

    /** True if the bandwidth is a length scale of the inputs, so the median heuristic sets it. */
    default boolean usesBandwidth() {
        return true;
    }

    /**
     * For shift-invariant kernels: {@code count} frequencies drawn from the kernel's spectral density at unit
     * bandwidth, as a [D, count] matrix, for random Fourier features. Empty if the kernel has none.
     */
    default Optional<Tensor> spectralFrequencies(TensorOps ops, long inputDimension, long count, Tensor seed) {
        return Optional.empty();
    }
}
