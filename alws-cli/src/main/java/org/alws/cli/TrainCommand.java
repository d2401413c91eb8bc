package org.alws.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.StorageException;
import org.alws.api.tensor.DType;
import org.alws.cli.progress.Progress;
import org.alws.core.config.OptionsBinder;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.RunSummary;
import org.alws.core.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws train}: resolves a run configuration (core defaults, then {@code --config FILE}, then the flags),
 * trains it into a new run directory and prints where it went, the final loss, the evaluation, the small parameters
 * and the plots. Nothing is created if the configuration is invalid.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Train a model into a new run directory.",
            "Settings come from the defaults, then --config FILE, then the flags (later wins). Plugins left unnamed "
                    + "are the registry's defaults; the data set defaults to the one named like the model. "
                    + "See 'alws plugins --verbose' for every plugin and option."
        })
final class TrainCommand implements Callable<Integer> {
    /** The kinds {@code --set} accepts. */
    static final List<String> SET_KINDS =
            List.of("model", "data", "learner", "regressor", "kernel", "optimizer", "training");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", description = "The model plugin.")
    private String model;

    @Option(names = "--data", paramLabel = "NAME",
            description = "The data set plugin (default: the one named like the model, if any).")
    private String data;

    @Option(names = "--learner", paramLabel = "NAME", description = "The learner plugin (e.g. alws).")
    private String learner;

    @Option(names = "--regressor", paramLabel = "NAME", description = "The regressor plugin (e.g. krr).")
    private String regressor;

    @Option(names = "--kernel", paramLabel = "NAME", description = "The regressor's kernel plugin (e.g. gaussian).")
    private String kernel;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "The optimiser plugin (e.g. adam).")
    private String optimizer;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A JSON run configuration (the layout of a run's config.json); every key is optional.")
    private Path config;

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set a plugin or training option; KIND is one of model, data, learner, regressor, kernel, "
                    + "optimizer, training, or metric (every metric that has the option). Repeatable, e.g. --set "
                    + "learner.sleepSamples=2000 --set training.steps=500 --set metric.samples=2000")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "SEED", description = "The root seed of the run (default 1).")
    private Long seed;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DTypeConverter.class,
            completionCandidates = DTypeConverter.class,
            description = "Floating type: ${COMPLETION-CANDIDATES} (default float32).")
    private DType dtype;

    @Option(names = "--steps", paramLabel = "N",
            description = "Total optimisation steps (training.steps; default 1000).")
    private Long steps;

    @Option(names = "--batch-size", paramLabel = "M",
            description = "Data points per step (training.batchSize; default 100).")
    private Integer batchSize;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "Evaluate this metric on held-out data (e.g. loglik); repeatable. Replaces the config "
                    + "file's metrics.")
    private List<String> metrics;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent directory of run directories (default: ${DEFAULT-VALUE}).")
    private Path runs;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Run directory name (default: <model>-<learner>-<yyyyMMdd-HHmmss>).")
    private String name;

    @Option(names = "--no-progress", description = "No progress bar: print plain progress lines instead.")
    private boolean noProgress;

    @Override
    public Integer call() {
        checkName("--name", name);
        PluginRegistry registry = root.registry();
        RunConfig cfg = configuration();
        ResolvedRun resolved = ResolvedRun.resolve(registry, cfg);
        String runName = name != null ? name : resolved.model().name() + "-" + resolved.learner().name() + "-"
                + stamp();
        checkFree(runs, runName);
        RunSummary summary = Training.start(registry, resolved.config(), runs, runName,
                List.of(Progress.listener(noProgress, spec.commandLine().getErr())));
        RunReport.print(spec.commandLine().getOut(), "Trained", summary);
        return ExitCodes.OK;
    }

    /** The current local time as {@code yyyyMMdd-HHmmss}, for default run names. */
    static String stamp() {
        return LocalDateTime.now().format(STAMP);
    }

    /** Rejects a run or directory name that is not a plain directory name; null is allowed (the default). */
    static void checkName(String option, String value) {
        if (value != null && (value.isBlank() || value.equals(".") || value.equals("..") || value.contains("/")
                || value.contains("\\") || !value.equals(value.strip()))) {
            throw new ConfigException(option, value, "a plain directory name");
        }
    }

    /**
     * {@code c} with the {@code --set} options of every plugin kind laid over its choices (names unchanged) and the
     * training options bound.
     */
    static RunConfig withSets(RunConfig c, Map<String, Map<String, Object>> set) {
        c = c.withModel(choose(c.model(), null, set.getOrDefault("model", Map.of())));
        c = c.withData(choose(c.data(), null, set.getOrDefault("data", Map.of())));
        c = c.withLearner(choose(c.learner(), null, set.getOrDefault("learner", Map.of())));
        c = c.withRegressor(choose(c.regressor(), null, set.getOrDefault("regressor", Map.of())));
        c = c.withKernel(choose(c.kernel(), null, set.getOrDefault("kernel", Map.of())));
        c = c.withOptimizer(choose(c.optimizer(), null, set.getOrDefault("optimizer", Map.of())));
        Map<String, Object> training = set.getOrDefault("training", Map.of());
        return training.isEmpty() ? c : c.withTraining(OptionsBinder.bind("training", c.training(), training));
    }

    /** The run configuration: core defaults, then the config file, then the flags. */
    RunConfig configuration() {
        RunConfig c = RunConfig.defaults();
        if (config != null) {
            c = ConfigFile.apply(config, c);
        }
        Map<String, Map<String, Object>> set = Assignments.parse(sets, RunCommand.SET_KINDS);
        c = c.withModel(choose(c.model(), model, set.get("model")));
        c = c.withData(choose(c.data(), data, set.get("data")));
        c = c.withLearner(choose(c.learner(), learner, set.get("learner")));
        c = c.withRegressor(choose(c.regressor(), regressor, set.get("regressor")));
        c = c.withKernel(choose(c.kernel(), kernel, set.get("kernel")));
        c = c.withOptimizer(choose(c.optimizer(), optimizer, set.get("optimizer")));
        Map<String, Object> training = new LinkedHashMap<>(set.get("training"));
        if (steps != null) {
            training.put("steps", steps);
        }
        if (batchSize != null) {
            training.put("batchSize", batchSize);
        }
        if (!training.isEmpty()) {
            c = c.withTraining(OptionsBinder.bind("training", c.training(), training));
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        if (dtype != null) {
            c = c.withDtype(dtype);
        }
        if (metrics != null) {
            c = c.withMetrics(metrics.stream().map(PluginChoice::of).toList());
        }
        Map<String, Object> metricOptions = set.get("metric");
        return metricOptions.isEmpty() ? c : RunCommand.withMetricOptions(root.registry(), c, metricOptions);
    }

    /**
     * The choice with {@code name} (if given; a different name drops the previous plugin's options) and the
     * {@code --set} options laid over.
     */
    private static PluginChoice choose(PluginChoice current, String name, Map<String, Object> options) {
        PluginChoice c = name == null || name.equals(current.name()) ? current : PluginChoice.of(name);
        return options.isEmpty() ? c : c.withOptions(options);
    }

    /** Fails early, before any data is loaded, if the run directory exists and is not empty. */
    static void checkFree(Path parent, String runName) {
        Path dir = parent.resolve(runName).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                throw new StorageException("run directory " + dir + " already exists and is not empty;"
                        + " choose another run name or remove it");
            }
        } catch (IOException e) {
            throw new StorageException("cannot list run directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
