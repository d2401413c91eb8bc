package org.alws.api.learn;

import java.util.Map;
import org.alws.api.tensor.HostArray;

/**
 * A capability of learners whose gradient estimate can be asked for point by point: ∇θ log p(x_m) for each data
 * point, at the current parameters. The gradient study compares it with a model's {@link
 * org.alws.api.model.ExactScore}.
 */
public interface ScoreEstimator {

    /**
     * Per-point estimates of the score, keyed by the model's local parameter names, each {@code [M] + shape}.
     *
     * @param budget number of samples (sleep samples, particles) the estimate may use
     * @param seed seed of the estimate's random draws
     */
    Map<String, HostArray> estimateScores(LearnerContext context, HostArray data, int budget, long seed);

    /**
     * Whether the estimate depends on the context's regressor ({@link LearnerContext#regressor()}), as ALWS's does;
     * the gradient study runs such a learner once per regressor and any other once, without one. False by default.
     */
    default boolean usesRegressor() {
        return false;
    }
}
