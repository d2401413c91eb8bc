package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alws.api.AlwsException;
import org.alws.api.ConfigException;
import org.alws.api.metric.MetricProvider;
import org.alws.api.plugin.PluginKind;
import org.alws.api.preset.PresetProvider;
import org.alws.api.tensor.DType;
import org.alws.cli.progress.Progress;
import org.alws.cli.text.Table;
import org.alws.core.config.OptionsBinder;
import org.alws.core.preset.Presets;
import org.alws.core.registry.PluginInfo;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.RunSummary;
import org.alws.core.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws run PRESET}: trains a preset's run configuration (its paper variant with {@code --paper}) exactly as
 * {@code alws train} would, with {@code --set} and the flags laid over it, into a new run directory; without a name,
 * lists the installed presets.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Train a named preset (a ready-made run configuration) into a new run directory.",
            "Without PRESET, list the installed presets. Settings come from the preset (its paper variant with "
                    + "--paper), then the flags (later wins)."
        })
final class RunCommand implements Callable<Integer> {
    /** The kinds {@code --set} accepts: those of {@code alws train}, and {@code metric} for every metric. */
    static final List<String> SET_KINDS = List.of("model", "data", "learner", "regressor", "kernel", "optimizer",
            "training", "metric");

    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PRESET", description = "The preset to train.")
    private String preset;

    @Option(names = "--paper", description = "Train the preset's paper-scale variant (meant for a GPU).")
    private boolean paper;

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set a plugin or training option over the preset's; KIND is one of model, data, learner, "
                    + "regressor, kernel, optimizer, training, metric (every metric that has the option). "
                    + "Repeatable, e.g. --set data.directory=/data/mnist --set metric.samples=10000")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", description = "Train N steps in total instead of the preset's "
            + "length (training.steps, with training.epochs 0).")
    private Long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Train N passes over the training data "
            + "(training.epochs).")
    private Long epochs;

    @Option(names = "--seed", paramLabel = "SEED", description = "The root seed of the run (default: the preset's).")
    private Long seed;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DTypeConverter.class,
            completionCandidates = DTypeConverter.class,
            description = "Floating type: ${COMPLETION-CANDIDATES} (default: the preset's).")
    private DType dtype;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent directory of run directories (default: ${DEFAULT-VALUE}).")
    private Path runs;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Run directory name (default: <preset>-<yyyyMMdd-HHmmss>).")
    private String name;

    @Option(names = "--no-progress", description = "No progress bar: print plain progress lines instead.")
    private boolean noProgress;

    @Override
    public Integer call() {
        PluginRegistry registry = root.registry();
        if (preset == null) {
            list(spec.commandLine().getOut(), registry);
            return ExitCodes.OK;
        }
        TrainCommand.checkName("--name", name);
        RunConfig cfg = configuration(registry);
        ResolvedRun resolved = ResolvedRun.resolve(registry, cfg);
        String runName = name != null ? name : preset + (paper ? "-paper-" : "-") + TrainCommand.stamp();
        TrainCommand.checkFree(runs, runName);
        RunSummary summary = Training.start(registry, resolved.config(), runs, runName,
                List.of(Progress.listener(noProgress, spec.commandLine().getErr())));
        RunReport.print(spec.commandLine().getOut(), "Trained", summary);
        return ExitCodes.OK;
    }

    /**
     * {@code c} with {@code options} laid over every metric that has them (a preset's metrics are not named on the
     * command line).
     *
     * @throws ConfigException for an option that none of the metrics has
     */
    static RunConfig withMetricOptions(PluginRegistry registry, RunConfig c, Map<String, Object> options) {
        if (options.isEmpty()) {
            return c;
        }
        List<PluginChoice> metrics = new ArrayList<>();
        Map<String, Object> unused = new LinkedHashMap<>(options);
        for (PluginChoice m : c.metrics()) {
            MetricProvider<?> provider = registry.select(PluginKind.METRIC, MetricProvider.class, m.name());
            Map<String, Object> own = new LinkedHashMap<>();
            options.forEach((k, v) -> {
                if (OptionsBinder.hasOption(provider, k)) {
                    own.put(k, v);
                    unused.remove(k);
                }
            });
            metrics.add(own.isEmpty() ? m : m.withOptions(own));
        }
        if (!unused.isEmpty()) {
            Map.Entry<String, Object> e = unused.entrySet().iterator().next();
            throw new ConfigException("--set", "metric." + e.getKey() + "=" + e.getValue(), "an option of one of "
                    + "the metrics (" + String.join(", ", c.metrics().stream().map(PluginChoice::name).toList())
                    + ")");
        }
        return c.withMetrics(metrics);
    }

    /** The preset's configuration with the flags laid over. */
    RunConfig configuration(PluginRegistry registry) {
        if (steps != null && epochs != null) {
            throw new ConfigException("--epochs", "give --steps or --epochs, not both");
        }
        RunConfig c = Presets.configuration(registry, preset, paper);
        Map<String, Map<String, Object>> set = Assignments.parse(sets, SET_KINDS);
        c = withMetricOptions(registry, TrainCommand.withSets(c, set), set.get("metric"));
        if (steps != null) {
            c = c.withTraining(c.training().withSteps(steps));
        }
        if (epochs != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epochs", epochs);
            c = c.withTraining(OptionsBinder.bind("--epochs", c.training(), e));
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        if (dtype != null) {
            c = c.withDtype(dtype);
        }
        return c;
    }

    /**
     * The presets as a table of name, whether they have a paper variant, and description, with the unavailable
     * ones' reasons.
     */
    static void list(PrintWriter out, PluginRegistry registry) {
        List<PluginInfo> presets = Presets.list(registry);
        out.println("Presets (train one with 'alws run PRESET', its paper-scale variant with --paper):");
        if (presets.isEmpty()) {
            out.println("  (none installed)");
            out.flush();
            return;
        }
        Table table = Table.withHeader("PRESET", "PAPER", "DESCRIPTION");
        for (PluginInfo info : presets) {
            table.row(info.name(), info.isAvailable() ? paperVariant(info) : "unavailable", info.description());
        }
        List<String> lines = table.lines();
        out.println("  " + lines.get(0));
        for (int r = 0; r < presets.size(); r++) {
            out.println("  " + lines.get(r + 1));
            if (!presets.get(r).isAvailable()) {
                out.println("      unavailable: " + presets.get(r).availability().reason());
            }
        }
        out.flush();
    }

    /** Whether {@code --paper} applies: yes, no, or broken (its configuration cannot be read). */
    private static String paperVariant(PluginInfo info) {
        try {
            return ((PresetProvider) info.provider()).paperConfiguration().isPresent() ? "yes" : "no";
        } catch (AlwsException | ClassCastException e) {
            return "broken";
        }
    }
}
