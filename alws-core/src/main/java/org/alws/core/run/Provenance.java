package org.alws.core.run;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.alws.api.plugin.Provider;
import org.alws.core.registry.PluginInfo;

/**
 * Where a run's results came from ({@code provenance.json}): the software, the platform, the time, the seed, the
 * plugins and the data. Together with {@code config.json} it is enough to repeat the run.
 *
 * @param alwsVersion the version of alws-core (its JAR's Implementation-Version), or {@code dev}
 * @param javaVersion the Java runtime version and vendor, e.g. {@code 17.0.15+6 (Eclipse Adoptium)}
 * @param os the operating system name and version
 * @param arch the processor architecture, e.g. {@code amd64}
 * @param timestamp when the run started, ISO-8601 in UTC, e.g. {@code 2026-11-21T10:15:30.123Z}
 * @param rootSeed the root of every random stream of the run
 * @param plugins the plugins used, with their versions
 * @param dataSha256 the {@link DataHash} of the training data, or empty if there is none
 * @param backend the compute backend's name and version, e.g. {@code tensorflow 1.1.0 (cpu)}
 * @param dtype the floating type computations ran in, e.g. {@code float32}
 * @param extra further facts by name (a device name, a command line, ...), sorted by name
 */
public record Provenance(String alwsVersion, String javaVersion, String os, String arch, String timestamp,
        long rootSeed, List<PluginVersion> plugins, String dataSha256, String backend, String dtype,
        Map<String, String> extra) {

    public Provenance {
        Objects.requireNonNull(alwsVersion, "alwsVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(timestamp, "timestamp");
        plugins = List.copyOf(Objects.requireNonNull(plugins, "plugins"));
        Objects.requireNonNull(dataSha256, "dataSha256");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(dtype, "dtype");
        extra = Collections.unmodifiableMap(new TreeMap<>(extra == null ? Map.of() : extra));
    }

    /**
     * One plugin used by a run.
     *
     * @param kind the plugin kind's label, e.g. {@code model}
     * @param name the plugin's name
     * @param version the plugin's version
     */
    public record PluginVersion(String kind, String name, String version) {
        public PluginVersion {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }

        /** The kind, name and version of a registry entry. */
        public static PluginVersion of(PluginInfo info) {
            return new PluginVersion(info.kind().label(), info.name(), info.version());
        }

        /** The kind, name and version a provider reports. */
        public static PluginVersion of(Provider<?> provider) {
            return new PluginVersion(provider.kind().label(), provider.name(), provider.version());
        }
    }

    /**
     * Provenance of a run starting now on this machine: the versions, platform and time are filled in.
     *
     * @param rootSeed the run's root seed
     * @param plugins the plugins used
     * @param dataSha256 the {@link DataHash} of the training data, or empty
     * @param backend the backend's name and version
     * @param dtype the floating type of the computation
     */
    public static Provenance capture(long rootSeed, List<PluginVersion> plugins, String dataSha256, String backend,
            String dtype) {
        return capture(rootSeed, plugins, dataSha256, backend, dtype, Clock.systemUTC());
    }

    /** As {@link #capture(long, List, String, String, String)}, reading the time from {@code clock}. */
    public static Provenance capture(long rootSeed, List<PluginVersion> plugins, String dataSha256, String backend,
            String dtype, Clock clock) {
        String java = System.getProperty("java.runtime.version", System.getProperty("java.version", "unknown"))
                + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
        String os = System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "");
        return new Provenance(currentAlwsVersion(), java, os.strip(), System.getProperty("os.arch", "unknown"),
                Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString(), rootSeed, plugins, dataSha256,
                backend, dtype, Map.of());
    }

    /** The version of alws-core from its JAR manifest, or {@code dev} when running from classes. */
    public static String currentAlwsVersion() {
        Package p = Provenance.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** This provenance with one more (or a replaced) extra fact. */
    public Provenance withExtra(String key, String value) {
        Map<String, String> more = new TreeMap<>(extra);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Provenance(alwsVersion, javaVersion, os, arch, timestamp, rootSeed, plugins, dataSha256, backend,
                dtype, more);
    }
}
