package org.alws.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.alws.api.ConfigException;
import org.alws.api.tensor.DType;
import org.alws.core.config.OptionsBinder;

/**
 * The whole configuration of a training run, as written to and read from {@code config.json}: the root seed, the
 * floating type, the backend, a choice (name and options) per plugin kind, the metrics and the training options.
 * Unset plugin names mean "the registry's default"; {@link ResolvedRun} fills them in.
 *
 * @param seed the root seed every random stream of the run derives from
 * @param dtype float32 or float64
 * @param backend the backend plugin (null: the default)
 * @param model the model
 * @param data the data set (null name: the data set named like the model, else the default)
 * @param learner the learner
 * @param regressor the regressor (used by ALWS)
 * @param kernel the kernel of the regressor
 * @param optimizer the optimiser
 * @param metrics metrics evaluated on held-out data
 * @param training steps, batch size and reporting
 */
public record RunConfig(long seed, DType dtype, String backend, PluginChoice model, PluginChoice data,
        PluginChoice learner, PluginChoice regressor, PluginChoice kernel, PluginChoice optimizer,
        List<PluginChoice> metrics, TrainingOptions training) {

    /** The keys of a configuration file. */
    public static final Set<String> KEYS = Set.of("formatVersion", "seed", "dtype", "backend", "model", "data",
            "learner", "regressor", "kernel", "optimizer", "metrics", "training");

    public RunConfig {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFloating()) {
            throw new ConfigException("dtype", dtype.label(), "float32 or float64");
        }
        model = Objects.requireNonNullElse(model, PluginChoice.byDefault());
        data = Objects.requireNonNullElse(data, PluginChoice.byDefault());
        learner = Objects.requireNonNullElse(learner, PluginChoice.byDefault());
        regressor = Objects.requireNonNullElse(regressor, PluginChoice.byDefault());
        kernel = Objects.requireNonNullElse(kernel, PluginChoice.byDefault());
        optimizer = Objects.requireNonNullElse(optimizer, PluginChoice.byDefault());
        metrics = List.copyOf(Objects.requireNonNullElse(metrics, List.of()));
        Objects.requireNonNull(training, "training");
    }

    /** Seed 1, float32, every plugin the default, default training options. */
    public static RunConfig defaults() {
        return new RunConfig(1, DType.FLOAT32, null, null, null, null, null, null, null, List.of(),
                TrainingOptions.defaults());
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(s, dtype, backend, model, data, learner, regressor, kernel, optimizer, metrics, training);
    }

    public RunConfig withDtype(DType t) {
        return new RunConfig(seed, t, backend, model, data, learner, regressor, kernel, optimizer, metrics, training);
    }

    public RunConfig withModel(PluginChoice c) {
        return new RunConfig(seed, dtype, backend, c, data, learner, regressor, kernel, optimizer, metrics, training);
    }

    public RunConfig withData(PluginChoice c) {
        return new RunConfig(seed, dtype, backend, model, c, learner, regressor, kernel, optimizer, metrics, training);
    }

    public RunConfig withLearner(PluginChoice c) {
        return new RunConfig(seed, dtype, backend, model, data, c, regressor, kernel, optimizer, metrics, training);
    }

    public RunConfig withRegressor(PluginChoice c) {
        return new RunConfig(seed, dtype, backend, model, data, learner, c, kernel, optimizer, metrics, training);
    }

    public RunConfig withKernel(PluginChoice c) {
        return new RunConfig(seed, dtype, backend, model, data, learner, regressor, c, optimizer, metrics, training);
    }

    public RunConfig withOptimizer(PluginChoice c) {
        return new RunConfig(seed, dtype, backend, model, data, learner, regressor, kernel, c, metrics, training);
    }

    public RunConfig withMetrics(List<PluginChoice> m) {
        return new RunConfig(seed, dtype, backend, model, data, learner, regressor, kernel, optimizer, m, training);
    }

    public RunConfig withTraining(TrainingOptions t) {
        return new RunConfig(seed, dtype, backend, model, data, learner, regressor, kernel, optimizer, metrics, t);
    }

    public RunConfig withBackend(String b) {
        return new RunConfig(seed, dtype, b, model, data, learner, regressor, kernel, optimizer, metrics, training);
    }

    /** The configuration as JSON-ready maps and lists (for config.json). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", seed);
        out.put("dtype", dtype.label());
        out.put("backend", backend);
        out.put("model", choice(model));
        out.put("data", choice(data));
        out.put("learner", choice(learner));
        out.put("regressor", choice(regressor));
        out.put("kernel", choice(kernel));
        out.put("optimizer", choice(optimizer));
        List<Object> ms = new ArrayList<>();
        for (PluginChoice m : metrics) {
            ms.add(choice(m));
        }
        out.put("metrics", ms);
        out.put("training", OptionsBinder.toMap(training));
        return out;
    }

    private static Map<String, Object> choice(PluginChoice c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("options", c.options());
        return m;
    }

    /**
     * Reads a configuration from parsed JSON, on top of {@code base} (keys absent from {@code map} keep base's
     * values; plugin options given here are overlaid on base's).
     *
     * @throws ConfigException naming the key, the value and what was expected
     */
    public static RunConfig fromMap(Map<String, ?> map, RunConfig base) {
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(key, "unknown configuration key '" + key + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        RunConfig c = base;
        if (map.containsKey("seed")) {
            c = c.withSeed(integer("seed", map.get("seed")));
        }
        if (map.containsKey("dtype")) {
            Object v = map.get("dtype");
            try {
                c = c.withDtype(DType.parse(String.valueOf(v)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("dtype", v, "float32 or float64");
            }
        }
        if (map.containsKey("backend")) {
            c = c.withBackend(map.get("backend") == null ? null : String.valueOf(map.get("backend")));
        }
        if (map.containsKey("model")) {
            c = c.withModel(choice("model", map.get("model"), c.model));
        }
        if (map.containsKey("data")) {
            c = c.withData(choice("data", map.get("data"), c.data));
        }
        if (map.containsKey("learner")) {
            c = c.withLearner(choice("learner", map.get("learner"), c.learner));
        }
        if (map.containsKey("regressor")) {
            c = c.withRegressor(choice("regressor", map.get("regressor"), c.regressor));
        }
        if (map.containsKey("kernel")) {
            c = c.withKernel(choice("kernel", map.get("kernel"), c.kernel));
        }
        if (map.containsKey("optimizer")) {
            c = c.withOptimizer(choice("optimizer", map.get("optimizer"), c.optimizer));
        }
        if (map.containsKey("metrics")) {
            Object v = map.get("metrics");
            if (!(v instanceof List<?> list)) {
                throw new ConfigException("metrics", v, "a list of metric choices");
            }
            List<PluginChoice> ms = new ArrayList<>();
            for (Object o : list) {
                ms.add(choice("metrics", o, PluginChoice.byDefault()));
            }
            c = c.withMetrics(ms);
        }
        if (map.containsKey("training")) {
            Object v = map.get("training");
            if (!(v instanceof Map<?, ?> t)) {
                throw new ConfigException("training", v, "an object of training options");
            }
            c = c.withTraining(OptionsBinder.bind("training", c.training, stringKeys("training", t)));
        }
        return c;
    }

    private static long integer(String field, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ConfigException(field, v, "an integer");
    }

    private static PluginChoice choice(String field, Object v, PluginChoice base) {
        if (v instanceof String s) {
            return s.equals(base.name()) ? base : new PluginChoice(s, Map.of());
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigException(field, v, "a plugin name or an object {\"name\": ..., \"options\": {...}}");
        }
        for (Object k : m.keySet()) {
            if (!"name".equals(k) && !"options".equals(k)) {
                throw new ConfigException(field, "unknown key '" + k + "' in " + field + "; expected name, options");
            }
        }
        Object name = m.get("name");
        if (name != null && !(name instanceof String)) {
            throw new ConfigException(field + ".name", name, "a plugin name");
        }
        Object options = m.get("options");
        if (options != null && !(options instanceof Map)) {
            throw new ConfigException(field + ".options", options, "an object of options");
        }
        String n = (String) name;
        PluginChoice start = n == null || n.equals(base.name()) ? base.withName(n == null ? base.name() : n)
                : new PluginChoice(n, Map.of());
        return options == null ? start : start.withOptions(stringKeys(field + ".options", (Map<?, ?>) options));
    }

    private static Map<String, Object> stringKeys(String field, Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new ConfigException(field, e.getKey(), "string keys");
            }
            out.put(k, e.getValue());
        }
        return out;
    }
}
