package org.alws.cli;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.core.registry.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code alws} command: the global options and, for the subcommand being run, the plugin registry over
 * the class path plus the plugin JARs named by {@code --plugins} and {@code ALWS_PLUGINS}. One instance serves one
 * invocation; {@link #close()} releases the plugin class loader.
 */
@Command(name = "alws",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Amortised learning by wake-sleep on the JVM: train and resume runs, run and compare presets, "
                + "list plugins, check gradient estimates and benchmark.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            PluginsCommand.class,
            TrainCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            EvalCommand.class,
            CompareCommand.class,
            GradcheckCommand.class,
            BenchCommand.class,
            DenoiseCommand.class,
            HelpCommand.class
        },
        footerHeading = "%nExit status:%n",
        footer = {
            "  0 success, 1 other error, 2 usage or configuration, 3 plugin,",
            "  4 files or data, 5 numerical failure, 6 incompatible model and learner,",
            "  7 backend, 70 internal error (rerun with --stacktrace).",
            "",
            "Environment:",
            "  ALWS_PLUGINS  plugin directories or JAR files, separated by '${sys:path.separator}'.",
            ""
        })
public final class AlwsCommand implements AutoCloseable {
    private final Map<String, String> environment;
    private ClassLoader loader;
    private ClassLoader previousContextLoader;
    private PluginRegistry registry;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Add the plugin JARs in DIR (or the JAR file DIR itself); repeatable.")
    private List<Path> pluginPaths = new ArrayList<>();

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the full stack trace of an error instead of one line.")
    private boolean stacktrace;

    /** @param environment the process environment, read for {@value PluginPath#ENVIRONMENT_VARIABLE} */
    public AlwsCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Whether {@code --stacktrace} was given. */
    boolean stacktrace() {
        return stacktrace;
    }

    /**
     * The plugins of this invocation, discovered on first use; the plugin class loader also becomes the thread's
     * context class loader until {@link #close()}.
     *
     * @throws org.alws.api.PluginException if a plugin path is missing or a plugin JAR cannot be read
     */
    synchronized PluginRegistry registry() {
        if (registry == null) {
            List<Path> jars = PluginPath.jars(pluginPaths, environment.get(PluginPath.ENVIRONMENT_VARIABLE));
            loader = PluginPath.loader(jars, AlwsCommand.class.getClassLoader());
            previousContextLoader = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            registry = PluginRegistry.discover(loader);
        }
        return registry;
    }

    /** Restores the context class loader and closes the plugin class loader, if one was opened. */
    @Override
    public synchronized void close() {
        if (loader == null) {
            return;
        }
        Thread.currentThread().setContextClassLoader(previousContextLoader);
        if (loader instanceof URLClassLoader u) {
            try {
                u.close();
            } catch (IOException e) {
                // The JAR files stay open until exit; nothing else depends on closing them.
            }
        }
        loader = null;
        registry = null;
    }
}
