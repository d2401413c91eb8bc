package org.alws.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code metrics.jsonl}: the figures logged after {@code step} steps.
 *
 * @param step the number of steps taken
 * @param kind {@value MetricsLog#TRAIN} for training figures, {@value MetricsLog#EVAL} for held-out evaluations
 * @param values the figures by name, in file order; may hold NaN and infinities
 */
public record MetricsRecord(long step, String kind, Map<String, Double> values) {
    public MetricsRecord {
        Objects.requireNonNull(kind, "kind");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /** The value named {@code name}, or NaN if this record has none. */
    public double value(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }
}
