package org.alws.api.regress;

import org.alws.api.tensor.Tensor;

/** Helpers for kernel implementations. */
public final class Kernels {
    private Kernels() {
    }

    /**
     * Squared Euclidean distances between the rows of {@code x} [N, D] and {@code y} [M, D], as
     * {@code |x|² + |y|² - 2 x yᵀ} (never an N×M×D broadcast), clamped at zero against round-off.
     */
    public static Tensor squaredDistances(Tensor x, Tensor y) {
        Tensor xx = x.square().sum(1).reshape(x.dim(0), 1);
        Tensor yy = y.square().sum(1).reshape(1, y.dim(0));
        return xx.add(yy).sub(x.matmul(y, false, true).mul(2.0)).maximum(0.0);
    }
}
