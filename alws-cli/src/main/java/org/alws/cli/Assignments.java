package org.alws.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.core.config.OptionsBinder;

/**
 * The {@code --set KIND.OPTION=VALUE} arguments of a command, grouped by kind: {@code --set learner.sleepSamples=2000
 * --set training.steps=500} gives {@code {learner: {sleepSamples: "2000"}, training: {steps: "500"}}}. Values stay
 * strings; {@link OptionsBinder} converts them to the option's type when it binds them.
 */
final class Assignments {
    private Assignments() {
    }

    /**
     * Parses {@code assignments}, accepting only the given kinds.
     *
     * @param kinds the kinds this command accepts, in the order error messages list them
     * @return option maps by kind, for every kind in {@code kinds} (empty where nothing was set)
     * @throws ConfigException for an argument that is not {@code KIND.OPTION=VALUE}, an unknown kind, or an option
     *     given twice
     */
    static Map<String, Map<String, Object>> parse(List<String> assignments, List<String> kinds) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String k : kinds) {
            byKind.put(k, new ArrayList<>());
        }
        for (String a : assignments) {
            int eq = a.indexOf('=');
            int dot = a.indexOf('.');
            if (eq < 0 || dot <= 0 || dot > eq || dot == eq - 1) {
                throw new ConfigException("--set", a, "KIND.OPTION=VALUE, e.g. learner.sleepSamples=2000");
            }
            String kind = a.substring(0, dot).strip();
            List<String> list = byKind.get(kind);
            if (list == null) {
                throw new ConfigException("--set", "--set " + a + ": unknown kind '" + kind + "'; expected one of "
                        + String.join(", ", kinds));
            }
            list.add(a.substring(dot + 1));
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            try {
                out.put(e.getKey(), OptionsBinder.parseAssignments(e.getValue()));
            } catch (ConfigException ce) {
                throw ce.in("--set " + e.getKey());
            }
        }
        return out;
    }
}
