package org.alws.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.alws.api.AlwsException;
import org.alws.api.plugin.PluginKind;
import org.alws.cli.text.Table;
import org.alws.core.config.OptionInfo;
import org.alws.core.config.OptionsBinder;
import org.alws.core.registry.PluginInfo;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws plugins}: every installed plugin by kind, with version, priority, source JAR, availability and
 * description; {@code --verbose} adds each plugin's options. Ends with the registry's problems (duplicate names).
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the installed plugins by kind, with version, source and availability.")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Also list each plugin's options: name, type, default, doc.")
    private boolean verbose;

    @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
            completionCandidates = KindConverter.class,
            description = "Only plugins of this kind: ${COMPLETION-CANDIDATES}.")
    private PluginKind kind;

    @Override
    public Integer call() {
        PluginRegistry registry = root.registry();
        PrintWriter out = spec.commandLine().getOut();
        boolean first = true;
        for (PluginKind k : PluginKind.values()) {
            if (kind != null && k != kind) {
                continue;
            }
            if (!first) {
                out.println();
            }
            first = false;
            printKind(out, registry, k);
        }
        if (!registry.problems().isEmpty()) {
            out.println();
            out.println("Problems:");
            for (String p : registry.problems()) {
                out.println("  " + p);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void printKind(PrintWriter out, PluginRegistry registry, PluginKind k) {
        List<PluginInfo> entries = registry.list(k);
        out.println(k.label() + ":");
        if (entries.isEmpty()) {
            out.println("  (none installed)");
            return;
        }
        // A preset is only ever run by name, so none is the default.
        Optional<String> byDefault = k == PluginKind.PRESET ? Optional.empty() : defaultName(registry, k);
        Table table = Table.withHeader("NAME", "VERSION", "PRIORITY", "SOURCE", "STATUS", "DESCRIPTION")
                .align(Table.Align.RIGHT, 2);
        for (PluginInfo i : entries) {
            String status = !i.isAvailable() ? "unavailable"
                    : byDefault.filter(i.name()::equals).isPresent() ? "default" : "available";
            table.row(i.name(), i.version(), Integer.toString(i.priority()), i.source(), status, i.description());
        }
        List<String> lines = table.lines();
        out.println("  " + lines.get(0));
        for (int r = 0; r < entries.size(); r++) {
            out.println("  " + lines.get(r + 1));
            PluginInfo i = entries.get(r);
            if (!i.isAvailable()) {
                out.println("      unavailable: " + i.availability().reason());
            }
            if (verbose && i.provider() != null) {
                printOptions(out, i);
            }
        }
    }

    private static Optional<String> defaultName(PluginRegistry registry, PluginKind k) {
        try {
            return Optional.of(registry.defaultInfo(k).name());
        } catch (AlwsException e) {
            return Optional.empty();
        }
    }

    private static void printOptions(PrintWriter out, PluginInfo info) {
        List<OptionInfo> options;
        try {
            options = OptionsBinder.describe(info.provider());
        } catch (RuntimeException e) {
            out.println("      options: cannot be listed: " + ErrorHandler.message(e));
            return;
        }
        if (options.isEmpty()) {
            out.println("      options: none");
            return;
        }
        out.println("      options:");
        Table table = Table.plain(4);
        for (OptionInfo o : options) {
            table.row(o.name(), o.type(), display(o.defaultValue()), o.doc());
        }
        table.print(out, "        ");
    }

    /** A default value as JSON (strings quoted, lists bracketed), as it would be written in a config file. */
    static String display(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            return Json.writeLine(value);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
        }
    }
}
