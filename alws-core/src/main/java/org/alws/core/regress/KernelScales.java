package org.alws.core.regress;

import org.alws.api.model.Initializer;
import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The bandwidth and ridge of a kernel regressor inside a fit, in one of two modes.
 *
 * <ul>
 *   <li><b>Fixed</b> ({@code learned = false}): the median heuristic or a fixed bandwidth, and the ridge option plus
 *       the context's jitter. Nothing is created in the context's hyper-parameters.</li>
 *   <li><b>Learned</b> ({@code learned = true}): the same starting values times learned factors, {@code bandwidth =
 *       start × exp(logBandwidthScale)} and {@code ridge = exp(logRidge) + jitter}, where {@value
 *       #LOG_BANDWIDTH_SCALE} (initially 0, so the first bandwidth is the median heuristic's) and {@value
 *       #LOG_RIDGE} (initially the log of the ridge option) are scalar variables in
 *       {@link RegressionContext#hyperParameters()}. The values are differentiable with respect to both, so a
 *       learner can fit them on a held-out error (ALWS's kernel step); the median itself carries no gradient.</li>
 * </ul>
 *
 * A regressor passes its {@code learnHyperparameters} option as {@code learned} to both methods.
 */
public final class KernelScales {
    /** The hyper-parameter holding the log of the factor applied to the starting bandwidth. */
    public static final String LOG_BANDWIDTH_SCALE = "logBandwidthScale";
    /** The hyper-parameter holding the log of the ridge. */
    public static final String LOG_RIDGE = "logRidge";

    private KernelScales() {
    }

    /** The fixed-mode bandwidth: {@code bandwidth(inputs, context, fixed, scale, subsample, false)}. */
    public static Tensor bandwidth(Tensor inputs, RegressionContext context, double fixed, double scale,
            int subsample) {
        return bandwidth(inputs, context, fixed, scale, subsample, false);
    }

    /**
     * The bandwidth for inputs [N, D]: {@code fixed} if it is a number, else {@code scale} times the median distance
     * between the first {@code subsample} rows (see {@link Bandwidths#median}); if {@code learned}, that times
     * {@code exp(logBandwidthScale)}. A scalar of {@code inputs}' type.
     *
     * @param fixed the parsed bandwidth option: NaN for the median heuristic
     * @param learned whether the learned factor applies (and is created, at 1, on first use)
     */
    public static Tensor bandwidth(Tensor inputs, RegressionContext context, double fixed, double scale,
            int subsample, boolean learned) {
        Tensor start = Double.isNaN(fixed) ? Bandwidths.median(inputs, subsample).mul(scale)
                : context.ops().scalar(fixed, inputs.dtype());
        if (!learned) {
            return start;
        }
        Tensor logScale = context.hyperParameters().get(context.ops(), LOG_BANDWIDTH_SCALE, Shape.scalar(),
                Initializer.zeros());
        return start.mul(logScale.cast(inputs.dtype()).exp());
    }

    /** The fixed-mode ridge: {@code ridge(inputs, context, ridge, false)}. */
    public static Tensor ridge(Tensor inputs, RegressionContext context, double ridge) {
        return ridge(inputs, context, ridge, false);
    }

    /**
     * The ridge plus the context's jitter, as a scalar of {@code inputs}' type: {@code ridge + jitter}, or if
     * {@code learned}, {@code exp(logRidge) + jitter} with {@code logRidge} starting at {@code log(ridge)}.
     *
     * @param ridge the ridge option (&gt; 0): the ridge itself, or the learned ridge's starting value
     */
    public static Tensor ridge(Tensor inputs, RegressionContext context, double ridge, boolean learned) {
        Tensor jitter = context.jitter().cast(inputs.dtype());
        if (!learned) {
            return jitter.add(ridge);
        }
        Tensor logRidge = context.hyperParameters().get(context.ops(), LOG_RIDGE, Shape.scalar(),
                Initializer.constant(Math.log(ridge)));
        return logRidge.cast(inputs.dtype()).exp().add(jitter);
    }
}
