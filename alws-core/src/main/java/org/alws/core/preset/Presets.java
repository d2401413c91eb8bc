package org.alws.core.preset;

import java.util.List;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.api.plugin.PluginKind;
import org.alws.api.preset.PresetProvider;
import org.alws.core.registry.PluginInfo;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.RunConfig;

/** The installed presets and their run configurations. */
public final class Presets {
    private Presets() {
    }

    /** Every installed preset, available or not, by name. */
    public static List<PluginInfo> list(PluginRegistry registry) {
        return registry.list(PluginKind.PRESET);
    }

    /**
     * The preset named {@code name}.
     *
     * @throws org.alws.api.PluginException for an unknown name (listing the presets there are) or an unavailable
     *     preset
     */
    public static PresetProvider require(PluginRegistry registry, String name) {
        return registry.select(PluginKind.PRESET, PresetProvider.class, name);
    }

    /**
     * The run configuration of the preset {@code name} (its paper variant if {@code paper}), over the core
     * defaults. Plugin names and options are not resolved here: {@link org.alws.core.train.ResolvedRun} does that.
     *
     * @throws ConfigException naming the preset if it has no paper variant or its configuration is malformed
     * @throws org.alws.api.PluginException as {@link #require}
     */
    public static RunConfig configuration(PluginRegistry registry, String name, boolean paper) {
        return configuration(require(registry, name), paper);
    }

    /** The run configuration of {@code preset}; see {@link #configuration(PluginRegistry, String, boolean)}. */
    public static RunConfig configuration(PresetProvider preset, boolean paper) {
        String label = "preset " + preset.name() + (paper ? " (paper)" : "");
        Map<String, Object> map;
        try {
            map = paper ? preset.paperConfiguration().orElseThrow(() -> new ConfigException("--paper",
                    "preset " + preset.name() + " has no paper variant")) : preset.configuration();
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException("preset", label + ": cannot build its configuration: " + e);
        }
        if (map == null) {
            throw new ConfigException("preset", label + ": its configuration is null");
        }
        try {
            return RunConfig.fromMap(map, RunConfig.defaults());
        } catch (ConfigException e) {
            throw e.in(label);
        }
    }
}
