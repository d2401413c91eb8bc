package org.alws.core.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a training invocation that ended without an error: all steps done, or stopped on its time budget.
 *
 * @param directory the run directory
 * @param stepsDone steps taken in total
 * @param totalSteps the step count the run is configured to end at
 * @param stepsPerEpoch steps per pass over the training data
 * @param finalLoss the loss of the last step
 * @param evaluation the last evaluation of the metrics (empty if none are configured)
 * @param parameters the final values of the small parameters ({@code param/<name>[i]})
 * @param seconds wall time of this invocation
 * @param stopReason why training stopped before {@code totalSteps} (the time budget), or empty if it did not
 */
public record RunSummary(Path directory, long stepsDone, long totalSteps, long stepsPerEpoch, double finalLoss,
        Map<String, Double> evaluation, Map<String, Double> parameters, double seconds, String stopReason) {
    public RunSummary {
        evaluation = Map.copyOf(evaluation);
        parameters = Map.copyOf(parameters);
        stopReason = Objects.requireNonNullElse(stopReason, "");
    }

    /** Passes over the training data done, fractional if the run stopped within an epoch. */
    public double epochs() {
        return (double) stepsDone / stepsPerEpoch;
    }

    /** Whether training stopped before its configured end (on its time budget). */
    public boolean stoppedEarly() {
        return !stopReason.isEmpty();
    }
}
