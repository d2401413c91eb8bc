package org.alws.core.run;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.alws.api.tensor.HostArray;

/**
 * A snapshot of a run after {@code step} steps: every variable's value, bit for bit, and the small state needed to
 * resume exactly (epoch, data cursor, seed stream position, ...). Maps are copied and sorted by name.
 *
 * @param step the number of steps taken
 * @param variables variable values by name (model parameters, optimiser slots, learned hyper-parameters)
 * @param state further resumption state as strings, by name
 */
public record Checkpoint(long step, Map<String, HostArray> variables, Map<String, String> state) {
    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step is " + step + "; expected >= 0");
        }
        variables = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(variables, "variables")));
        state = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(state, "state")));
        variables.forEach((k, v) -> Objects.requireNonNull(v, () -> "variable '" + k + "' is null"));
        state.forEach((k, v) -> Objects.requireNonNull(v, () -> "state '" + k + "' is null"));
    }
}
