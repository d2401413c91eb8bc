package org.alws.core.regress;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of exact kernel ridge regression.
 *
 * @param ridge λ added to the Gram matrix's diagonal
 * @param bandwidth {@code median} (the median heuristic, recomputed on every fit) or a fixed positive length scale
 * @param bandwidthScale factor applied to the median-heuristic bandwidth
 * @param medianSubsample number of sleep inputs the median is taken over
 */
public record KernelRidgeOptions(
        @Doc("ridge λ added to the Gram matrix's diagonal") double ridge,
        @Doc("'median' (median heuristic, per fit) or a fixed length scale > 0") String bandwidth,
        @Doc("factor applied to the median-heuristic bandwidth") double bandwidthScale,
        @Doc("number of sleep inputs the median distance is taken over") int medianSubsample) {

    public KernelRidgeOptions {
        Check.positive("ridge", ridge);
        Bandwidths.parse("bandwidth", bandwidth);
        Check.positive("bandwidthScale", bandwidthScale);
        Check.atLeast("medianSubsample", medianSubsample, 2);
    }

    /**
     * Ridge 1 with the median-heuristic bandwidth. ALWS's regression targets are noisy functions of x, and on the
     * gradient-estimation study a ridge of 1 (relative to the kernel's unit diagonal) gave the lowest and steadiest
     * errors; 1e-3 (the reference code's default, meant to be learned) overfits the noise.
     */
    public static KernelRidgeOptions defaults() {
        return new KernelRidgeOptions(1.0, Bandwidths.MEDIAN, 1.0, 256);
    }
}
