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
        Tensor bandwidth = KernelScales.bandwidth(x, context, fixedBandwidth, options.bandwidthScale(),
                options.medianSubsample());
        Tensor ridge = KernelScales.ridge(x, context, options.ridge());
        CholeskySolver.Factor factor = CholeskySolver.factor(ops,
                (row, rows, col, cols) -> kernel.gram(rows(ops, x, row, rows), rows(ops, x, col, cols), bandwidth),
                n, ridge);
        return new LinearSmoother() {
            @Override
            public Tensor weights(Tensor queries) {
                return factor.solve(kernel.gram(x, queries.stopGradient(), bandwidth)).t();
            }

            @Override
            public Map<String, Tensor> diagnostics() {
                return Map.of("bandwidth", bandwidth);
            }
        };
    }

    /** Rows {@code [from, from + count)} of a matrix (the matrix itself when that is all of it). */
    static Tensor rows(TensorOps ops, Tensor x, long from, long count) {
        if (from == 0 && count == x.dim(0)) {
            return x;
        }
        return ops.slice(x, new long[] {from, 0}, new long[] {count, x.dim(1)});
    }

    @Override
    public String toString() {
        return "krr(" + kernel + ", λ=" + options.ridge() + ", bandwidth=" + options.bandwidth() + ")";
    }
}
