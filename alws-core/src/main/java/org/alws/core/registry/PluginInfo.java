package org.alws.core.registry;

import java.util.Objects;
import org.alws.api.plugin.Availability;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * One discovered plugin as {@code alws plugins} lists it: what it is, where it came from and whether it can be used.
 * A provider that failed to load is listed too, unavailable, with the reason and without a provider instance.
 *
 * @param kind the kind of plugin
 * @param name the name users select it by; for a provider that failed before it could name itself, its class name
 * @param description one line saying what it is (empty if the provider failed to load)
 * @param version the version of the JAR it comes from, {@code dev} for unpackaged classes, {@code unknown} if the
 *     provider failed to load
 * @param source the JAR file name or class directory the provider class came from, or {@code unknown}
 * @param priority the priority used when no plugin is named: highest wins
 * @param availability whether it can be used here, and if not, why
 * @param provider the provider, or {@code null} if it failed to load
 */
public record PluginInfo(PluginKind kind, String name, String description, String version, String source,
        int priority, Availability availability, Provider<?> provider) {

    public PluginInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(availability, "availability");
        if (availability.isAvailable() && provider == null) {
            throw new IllegalArgumentException("plugin '" + name + "' is available but has no provider");
        }
    }

    /** True if the plugin can be selected. */
    public boolean isAvailable() {
        return availability.isAvailable();
    }

    /** This entry marked unavailable for {@code reason}, e.g. because its name is duplicated. */
    PluginInfo unavailable(String reason) {
        return new PluginInfo(kind, name, description, version, source, priority, Availability.unavailable(reason),
                provider);
    }

    /** {@code name (reason)}, as listed among unavailable plugins in error messages. */
    String nameWithReason() {
        return name + " (" + availability.reason() + ")";
    }
}
