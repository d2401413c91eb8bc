package org.alws.api.plugin;

/**
 * A cheap descriptor of a plugin, registered with {@link java.util.ServiceLoader} (use Google AutoService with the
 * kind's service interface): a name, a description, a priority, its availability and its options. Providers do no
 * expensive work until asked to create something.
 *
 * <p>Options are a record: {@link #defaultOptions()} gives every component's default; the framework overlays the
 * user's values by component name and calls the canonical constructor, which validates (see
 * {@link org.alws.api.config.Check}). Describe components with {@link org.alws.api.config.Doc}.
 *
 * @param <O> the options record
 */
public interface Provider<O extends Record> {

    /** The unique name users select the plugin by, lower-case with dashes, e.g. {@code alws} or {@code ppca}. */
    String name();

    /** One line saying what the plugin is. */
    String description();

    PluginKind kind();

    /** Used to choose among available providers when none is named: highest wins. */
    default int priority() {
        return 0;
    }

    /** Whether the plugin can run here, computed cheaply. */
    default Availability availability() {
        return Availability.ok();
    }

    /** The options with their defaults. */
    O defaultOptions();

    /** The version of the JAR the provider comes from (its manifest's Implementation-Version), or {@code dev}. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The options type, for binding configuration. */
    @SuppressWarnings("unchecked")
    default Class<O> optionsType() {
        return (Class<O>) defaultOptions().getClass();
    }
}
