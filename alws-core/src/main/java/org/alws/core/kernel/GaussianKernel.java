package org.alws.core.kernel;

import java.util.Optional;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Kernels;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/** The Gaussian (RBF) kernel {@code exp(-|x - y|² / (2 σ²))}; its spectral density is N(0, I / σ²). */
public final class GaussianKernel implements Kernel {

    @Override
    public Tensor gram(Tensor x, Tensor y, Tensor bandwidth) {
        Tensor d2 = Kernels.squaredDistances(x, y);
        return d2.div(bandwidth.square().mul(-2.0)).exp();
    }

    @Override
    public Optional<Tensor> spectralFrequencies(TensorOps ops, long inputDimension, long count, Tensor seed) {
        return Optional.of(ops.randomNormal(Shape.of(inputDimension, count), ops.floatType(), seed));
    }

    @Override
    public String toString() {
        return "gaussian";
    }
}
