package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.IncompatibleModelException;
import org.alws.api.NumericalException;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunFinished;
import org.alws.api.event.RunStarted;
import org.alws.api.event.TrainingListener;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.plugin.PluginKind;
import org.alws.cli.text.Format;
import org.alws.core.config.OptionsBinder;
import org.alws.core.preset.Presets;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.RunSummary;
import org.alws.core.train.Training;
import org.alws.core.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws compare PRESET}: trains each learner on the preset's model, data, seed and evaluation schedule, each
 * for an equal share of a time budget ({@code training.maxSeconds}: training-loop wall time less evaluations), and
 * writes a report directory: the run
 * directory of every learner, {@code report.md} with the final figures, one PNG per metric against epochs with a line
 * per learner, and {@code samples.png} with every learner's final samples at the same latent draws.
 *
 * <p>The preset's learner keeps its options; the others start from their defaults. {@code --set learner.X=Y} sets X
 * for every learner that has an option X (an error if none has), {@code --set NAME.X=Y} for the learner NAME only, and
 * {@code --set NAME.KIND.X=Y} another kind's option for that learner's run only (e.g.
 * {@code --set vae.optimizer.learningRate=3e-4}). Learners that cannot handle the model are reported and skipped;
 * the budget is shared among the others.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Train several learners on one preset with an equal wall-clock budget each and write a report.",
            "Each learner trains the preset's model on its data, seed and evaluation schedule for at most "
                    + "(budget / learners) of training time (the training loop's wall time less its evaluations, "
                    + "which come on top, as do loading and compiling). The report directory holds report.md, one "
                    + "PNG per metric against epochs, samples.png and every learner's run directory."
        })
final class CompareCommand implements Callable<Integer> {
    /** The learners compared when none are named: ALWS and the baselines of the paper's image experiment. */
    static final String DEFAULT_LEARNERS = "alws,vae,rws,flow-vae";
    /** The epoch limit of a run whose length only the budget sets. */
    static final long UNLIMITED_EPOCHS = 1_000_000;

    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PRESET", description = "The preset whose model and data are compared.")
    private String preset;

    @Option(names = "--paper", description = "Use the preset's paper-scale variant.")
    private boolean paper;

    @Option(names = "--learners", paramLabel = "NAME", split = ",", defaultValue = DEFAULT_LEARNERS,
            description = "Learner plugins, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<String> learnerNames;

    @Option(names = "--budget-minutes", paramLabel = "M", defaultValue = "60",
            description = "Training time of all learners together, in minutes, shared equally; evaluations are "
                    + "not counted (default: ${DEFAULT-VALUE}).")
    private double budgetMinutes;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Train each learner at most N epochs (default: as many as its budget allows).")
    private Long epochs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The report directory, new or empty (default: runs/compare-<preset>-<yyyyMMdd-HHmmss>).")
    private Path out;

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set an option over the preset's: KIND is model, data, learner (every learner that has "
                    + "the option), regressor, kernel, optimizer, training or metric (every metric that has the "
                    + "option); or a learner's name, for that learner"
                    + " only (--set vae.guideHidden=512), also with another kind (--set vae.optimizer.learningRate="
                    + "3e-4). Repeatable.")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "SEED", description = "The root seed of every run (default: the "
            + "preset's).")
    private Long seed;

    /** One learner's result: its run directory and summary, or why it failed. */
    record Outcome(String learner, Path directory, RunSummary summary, String failure) {
        boolean trained() {
            return summary != null;
        }
    }

    @Override
    public Integer call() {
        if (!(budgetMinutes > 0) || !Double.isFinite(budgetMinutes)) {
            throw new ConfigException("--budget-minutes", budgetMinutes, "a number of minutes > 0");
        }
        if (epochs != null) {
            Check.atLeast("--epochs", epochs, 1);
        }
        PluginRegistry registry = root.registry();
        List<String> learners = learnerNames.stream().map(String::strip)
                .map(n -> Plugins.resolveName(registry, PluginKind.LEARNER, n)).distinct().toList();
        RunConfig presetConfig = Presets.configuration(registry, preset, paper);
        List<String> kinds = new ArrayList<>(RunCommand.SET_KINDS);
        learners.stream().filter(n -> !kinds.contains(n)).forEach(kinds::add);
        Map<String, Map<String, Object>> set = Assignments.parse(sets, kinds);
        Map<String, Object> sharedLearnerOptions = set.get("learner");
        Map<String, Map<String, Object>> common = new LinkedHashMap<>(set);
        common.put("learner", Map.of());
        RunConfig base = RunCommand.withMetricOptions(registry, TrainCommand.withSets(presetConfig, common),
                set.get("metric"));
        if (seed != null) {
            base = base.withSeed(seed);
        }
        checkSharedOptions(registry, learners, sharedLearnerOptions);
        Path report = out != null ? out : Path.of("runs", "compare-" + preset + "-" + TrainCommand.stamp());
        Path parent = report.toAbsolutePath().normalize().getParent();
        TrainCommand.checkFree(parent, report.toAbsolutePath().normalize().getFileName().toString());

        PrintWriter err = spec.commandLine().getErr();
        List<String> notes = new ArrayList<>();
        Map<String, RunConfig> runnable = new LinkedHashMap<>();
        for (String learner : learners) {
            RunConfig c = learnerConfig(registry, base, learner, sharedLearnerOptions, set.get(learner));
            ResolvedRun resolved = ResolvedRun.resolve(registry, c);
            try {
                TrainingRun.open(resolved).close();
                runnable.put(learner, resolved.config());
            } catch (IncompatibleModelException e) {
                notes.add("Skipped " + learner + ": " + ErrorHandler.message(e));
                err.println("compare: skipping " + learner + ": " + ErrorHandler.message(e));
            }
        }
        if (runnable.isEmpty()) {
            throw new IncompatibleModelException("no learner of " + String.join(", ", learners) + " can train preset "
                    + preset + ": " + String.join("; ", notes));
        }
        double share = budgetMinutes * 60 / runnable.size();
        List<Outcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        for (Map.Entry<String, RunConfig> e : runnable.entrySet()) {
            String learner = e.getKey();
            RunConfig c = e.getValue().withTraining(e.getValue().training().withMaxSeconds(share));
            err.println("compare: training " + learner + " for at most " + Format.seconds(share) + " ("
                    + (outcomes.size() + 1) + " of " + runnable.size() + ")");
            err.flush();
            Path dir = report.resolve(learner);
            try {
                RunSummary summary = Training.start(registry, c, report, learner,
                        List.of(new CompareProgress(err, learner, headlineMetrics(c))));
                outcomes.add(new Outcome(learner, summary.directory(), summary, ""));
            } catch (NumericalException ex) {
                String why = ErrorHandler.message(ex);
                outcomes.add(new Outcome(learner, dir.toAbsolutePath().normalize(), null, why));
                notes.add(learner + " failed: " + why);
                err.println("compare: " + learner + " failed: " + why);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CompareReport.Header header = new CompareReport.Header(preset, paper, base.seed(), budgetMinutes, share,
                seconds, headlineMetrics(base), evaluationSchedule(base));
        Path markdown = CompareReport.write(registry, report, header, outcomes, notes);
        PrintWriter stdout = spec.commandLine().getOut();
        CompareReport.printSummary(stdout, header, outcomes, notes);
        stdout.println("Report: " + markdown);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** The names of the configured metrics: each reports its headline figure under its own name. */
    static List<String> headlineMetrics(RunConfig c) {
        return c.metrics().stream().map(PluginChoice::name).filter(n -> n != null).distinct().toList();
    }

    private static String evaluationSchedule(RunConfig c) {
        if (c.training().evalEveryEpochs() > 0) {
            return "every " + (c.training().evalEveryEpochs() == 1 ? "epoch"
                    : c.training().evalEveryEpochs() + " epochs");
        }
        if (c.training().evalEvery() > 0) {
            return "every " + c.training().evalEvery() + " steps";
        }
        return "at the end";
    }

    /** The run configuration of {@code learner}: the base with its learner options, kind options and length. */
    private RunConfig learnerConfig(PluginRegistry registry, RunConfig base, String learner,
            Map<String, Object> shared, Map<String, Object> own) {
        LearnerProvider<?> provider = registry.select(PluginKind.LEARNER, LearnerProvider.class, learner);
        String presetLearner = Plugins.resolveName(registry, PluginKind.LEARNER, base.learner().name());
        PluginChoice choice = learner.equals(presetLearner) ? base.learner().withName(learner)
                : PluginChoice.of(learner);
        Map<String, Object> options = new LinkedHashMap<>();
        shared.forEach((k, v) -> {
            if (OptionsBinder.hasOption(provider, k)) {
                options.put(k, v);
            }
        });
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : own.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot < 0) {
                options.put(e.getKey(), e.getValue());
                continue;
            }
            String kind = e.getKey().substring(0, dot);
            if (!TrainCommand.SET_KINDS.contains(kind) || kind.equals("learner")) {
                throw new ConfigException("--set", "--set " + learner + "." + e.getKey() + "=" + e.getValue()
                        + ": unknown kind '" + kind + "'; expected " + learner + ".OPTION or " + learner
                        + ".KIND.OPTION with KIND one of model, data, regressor, kernel, optimizer, training");
            }
            byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(e.getKey().substring(dot + 1),
                    e.getValue());
        }
        RunConfig c = base.withLearner(options.isEmpty() ? choice : choice.withOptions(options));
        try {
            c = TrainCommand.withSets(c, byKind);
        } catch (ConfigException e) {
            throw e.in("--set " + learner);
        }
        Map<String, Object> length = new LinkedHashMap<>();
        length.put("epochs", epochs != null ? epochs : UNLIMITED_EPOCHS);
        return c.withTraining(OptionsBinder.bind("training", c.training(), length));
    }

    /** A {@code learner.X} option that no compared learner has is an error, as in gradcheck. */
    private static void checkSharedOptions(PluginRegistry registry, List<String> learners, Map<String, Object> shared) {
        for (Map.Entry<String, Object> e : shared.entrySet()) {
            boolean someHave = learners.stream().anyMatch(n -> OptionsBinder.hasOption(
                    registry.select(PluginKind.LEARNER, LearnerProvider.class, n), e.getKey()));
            if (!someHave) {
                throw new ConfigException("--set", "learner." + e.getKey() + "=" + e.getValue(),
                        "an option of at least one of the learners compared (" + String.join(", ", learners) + ")");
            }
        }
    }

    /** One line per evaluation and at the end of each learner's run, on standard error. */
    private static final class CompareProgress implements TrainingListener {
        private final PrintWriter err;
        private final String learner;
        private final List<String> metrics;
        private long first;

        CompareProgress(PrintWriter err, String learner, List<String> metrics) {
            this.err = err;
            this.learner = learner;
            this.metrics = metrics;
        }

        @Override
        public void onStart(RunStarted event) {
            first = event.firstStep();
        }

        @Override
        public void onEvaluation(EvaluationEvent event) {
            StringBuilder sb = new StringBuilder("compare: " + learner + " at step " + event.step() + ":");
            Map<String, Double> values = new TreeMap<>(event.values());
            for (String m : metrics.isEmpty() ? List.copyOf(values.keySet()) : metrics) {
                if (values.containsKey(m)) {
                    sb.append("  ").append(m).append(' ').append(Format.number(values.get(m), 4));
                }
            }
            err.println(sb);
            err.flush();
        }

        @Override
        public void onFinish(RunFinished event) {
            String how = event.completed() ? "" : event.reason().startsWith(TrainingRun.BUDGET_STOP)
                    ? " (its time budget is spent)" : " (" + event.reason() + ")";
            err.println("compare: " + learner + " took " + (event.stepsCompleted() - first) + " steps in "
                    + Format.seconds(event.elapsedSeconds()) + how);
            err.flush();
        }
    }
}
