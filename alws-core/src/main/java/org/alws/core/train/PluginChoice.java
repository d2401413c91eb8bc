package org.alws.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin chosen by name with option overrides, as written in a configuration file:
 * {@code {"name": "krr", "options": {"ridge": 0.001}}}.
 *
 * @param name the plugin's name, or null for the registry's default
 * @param options overrides of the plugin's default options
 */
public record PluginChoice(String name, Map<String, Object> options) {
    public PluginChoice {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(options,
                Map.of())));
    }

    /** The default plugin of its kind with default options. */
    public static PluginChoice byDefault() {
        return new PluginChoice(null, Map.of());
    }

    public static PluginChoice of(String name) {
        return new PluginChoice(name, Map.of());
    }

    public PluginChoice withName(String newName) {
        return new PluginChoice(newName, options);
    }

    /** These options overlaid with {@code more}. */
    public PluginChoice withOptions(Map<String, ?> more) {
        Map<String, Object> merged = new LinkedHashMap<>(options);
        merged.putAll(more);
        return new PluginChoice(name, merged);
    }
}
