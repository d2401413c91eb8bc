package org.alws.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code alws --version}: the version in the CLI JAR's manifest ({@code dev} when run from classes) and the JVM. */
final class VersionProvider implements IVersionProvider {

    /** The version of the {@code alws} command, from its JAR manifest, or {@code dev}. */
    static String version() {
        Package p = VersionProvider.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "alws " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"
        };
    }
}
