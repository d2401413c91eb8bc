package org.alws.api.event;

import java.util.Map;

/**
 * Metrics evaluated on held-out data after {@code step} steps.
 *
 * @param step number of steps taken
 * @param values metric values by name
 */
public record EvaluationEvent(long step, Map<String, Double> values) {
    public EvaluationEvent {
        values = Map.copyOf(values);
    }
}
