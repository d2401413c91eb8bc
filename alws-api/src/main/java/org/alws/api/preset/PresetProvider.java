package org.alws.api.preset;

import java.util.Map;
import java.util.Optional;
import org.alws.api.config.NoOptions;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The service interface of preset plugins: a named run configuration that {@code alws run NAME} trains exactly like
 * {@code alws train --config FILE} would. The configuration is a map in the layout of a run's {@code config.json}
 * (keys {@code seed}, {@code model}, {@code data}, {@code learner}, {@code regressor}, {@code kernel},
 * {@code optimizer}, {@code metrics}, {@code training}; each optional; plugins as {@code {"name": ..., "options":
 * {...}}}), holding only maps with string keys, lists, strings, numbers, booleans and nulls. The framework resolves
 * it against the installed plugins, so an unknown plugin or option is an error when the preset is run, and a test
 * can resolve every preset without training.
 *
 * <p>A preset has no options of its own: users change a setting with {@code --set KIND.OPTION=VALUE} on top of it.
 * Its {@link #description()} says in one line what it trains and what it shows. The simplest preset is a
 * {@link JsonPresetProvider} over JSON resources.
 */
public interface PresetProvider extends Provider<NoOptions> {

    @Override
    default PluginKind kind() {
        return PluginKind.PRESET;
    }

    @Override
    default NoOptions defaultOptions() {
        return new NoOptions();
    }

    /** The run configuration, sized to run on a CPU. */
    Map<String, Object> configuration();

    /** The configuration at the scale of the published experiment ({@code alws run NAME --paper}), if any. */
    default Optional<Map<String, Object>> paperConfiguration() {
        return Optional.empty();
    }
}
