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

    public static KernelRidgeOptions defaults() {
        return new KernelRidgeOptions(1e-3, Bandwidths.MEDIAN, 1.0, 256);
    }
}
