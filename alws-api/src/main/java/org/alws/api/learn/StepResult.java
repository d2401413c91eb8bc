package org.alws.api.learn;

import java.util.Map;

/**
 * What one training step reports.
 *
 * @param loss the learner's objective (lower is better); for ALWS the negated smoothed log joint at the data
 * @param gradientNorm global norm of the gradient, before clipping
 * @param metrics further named figures (timings, bandwidth, ...)
 */
public record StepResult(double loss, double gradientNorm, Map<String, Double> metrics) {
    public StepResult {
        metrics = Map.copyOf(metrics);
    }

    /** True if the loss and the gradient norm are finite (the update was applied). */
    public boolean finite() {
        return Double.isFinite(loss) && Double.isFinite(gradientNorm);
    }
}
