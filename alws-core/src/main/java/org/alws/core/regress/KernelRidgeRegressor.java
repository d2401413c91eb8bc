package org.alws.core.regress;

import java.util.Map;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Exact kernel ridge regression: {@code α(X*) = k(X*, X) (K + (λ + jitter) I)⁻¹}, by one Cholesky factorisation
 * shared by every query and target, and two triangular solves. Never forms an inverse.
 */
public final class KernelRidgeRegressor implements Regressor {
    private final KernelRidgeOptions options;
    private final Kernel kernel;
    private final double fixedBandwidth;

    public KernelRidgeRegressor(KernelRidgeOptions options, Kernel kernel) {
        this.options = options;
        this.kernel = kernel;
        this.fixedBandwidth = Bandwidths.parse("bandwidth", options.bandwidth());
    }

    @Override
    public LinearSmoother fit(Tensor inputs, RegressionContext context) {
        TensorOps ops = context.ops();
        Tensor x = inputs.stopGradient();
        long n = x.dim(0);
        Tensor bandwidth = Double.isNaN(fixedBandwidth)
                ? Bandwidths.median(x, options.medianSubsample()).mul(options.bandwidthScale())
                : ops.scalar(fixedBandwidth, x.dtype());
        Tensor ridge = context.jitter().cast(x.dtype()).add(options.ridge());
        Tensor gram = kernel.gram(x, x, bandwidth).add(ops.eye(n).cast(x.dtype()).mul(ridge));
        Tensor factor = ops.cholesky(gram);
        return new LinearSmoother() {
            @Override
            public Tensor weights(Tensor queries) {
                Tensor cross = kernel.gram(x, queries.stopGradient(), bandwidth);
                Tensor half = ops.triangularSolve(factor, cross, true, false);
                return ops.triangularSolve(factor, half, true, true).t();
            }

            @Override
            public Map<String, Tensor> diagnostics() {
                return Map.of("bandwidth", bandwidth);
            }
        };
    }

    @Override
    public String toString() {
        return "krr(" + kernel + ", λ=" + options.ridge() + ", bandwidth=" + options.bandwidth() + ")";
    }
}
