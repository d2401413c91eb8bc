package org.alws.core.regress;

import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.Tensor;

/**
 * The bandwidth and ridge of a kernel regressor inside a fit: the median heuristic or a fixed bandwidth, and the ridge
 * plus the context's jitter.
 */
public final class KernelScales {
    private KernelScales() {
    }

    /**
     * The bandwidth for inputs [N, D]: {@code fixed} if it is a number, else {@code scale} times the median distance
     * between the first {@code subsample} rows (see {@link Bandwidths#median}).
     *
     * @param fixed the parsed bandwidth option: NaN for the median heuristic
     */
    public static Tensor bandwidth(Tensor inputs, RegressionContext context, double fixed, double scale,
            int subsample) {
        if (!Double.isNaN(fixed)) {
            return context.ops().scalar(fixed, inputs.dtype());
        }
        return Bandwidths.median(inputs, subsample).mul(scale);
    }

    /** The ridge plus the context's jitter, as a scalar of {@code inputs}' type. */
    public static Tensor ridge(Tensor inputs, RegressionContext context, double ridge) {
        return context.jitter().cast(inputs.dtype()).add(ridge);
    }
}
