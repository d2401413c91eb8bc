package org.alws.api.event;

import java.util.Map;

/**
 * One training step has finished.
 *
 * @param step 0-based index of the step
 * @param totalSteps the step count the run ends at
 * @param epoch 0-based pass over the training data
 * @param loss the learner's loss
 * @param gradientNorm global gradient norm
 * @param metrics further figures reported by the learner
 * @param elapsedSeconds wall time since the run (or resumption) started
 */
public record StepEvent(long step, long totalSteps, long epoch, double loss, double gradientNorm,
        Map<String, Double> metrics, double elapsedSeconds) {
    public StepEvent {
        metrics = Map.copyOf(metrics);
    }
}
