package org.alws.core.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of a completed training invocation.
 *
 * @param directory the run directory
 * @param stepsDone steps taken in total
 * @param finalLoss the loss of the last step
 * @param evaluation the last evaluation of the metrics (empty if none are configured)
 * @param parameters the final values of the small parameters ({@code param/<name>[i]})
 * @param seconds wall time of this invocation
 */
public record RunSummary(Path directory, long stepsDone, double finalLoss, Map<String, Double> evaluation,
        Map<String, Double> parameters, double seconds) {
    public RunSummary {
        evaluation = Map.copyOf(evaluation);
        parameters = Map.copyOf(parameters);
    }
}
