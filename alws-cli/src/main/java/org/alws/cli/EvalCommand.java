package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.metric.MetricProvider;
import org.alws.api.plugin.PluginKind;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.config.OptionsBinder;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.RunEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws eval RUN_DIR --metric fid,kid}: evaluates metrics on a trained run at its latest checkpoint (or the
 * one of {@code --step K}), prints them, and appends them to the run's metrics.jsonl as an {@code eval} record.
 * {@code --set metric.X=Y} sets option X of every metric named that has it (an error if none has); {@code --set
 * NAME.X=Y} sets it for metric NAME only, over {@code metric.X}. A metric the run was configured with starts from its
 * recorded options.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Evaluate metrics on a trained run and record them in its metrics.jsonl.",
            "The run's model is restored from its latest checkpoint (or --step K) and scored on its data set's test "
                    + "split, e.g. sample quality by FID and KID: alws eval runs/my-run --metric fid,kid"
        })
final class EvalCommand implements Callable<Integer> {
    /** The shared kind of {@code --set}. */
    static final String SHARED = "metric";

    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory.")
    private Path directory;

    @Option(names = "--metric", paramLabel = "NAME", split = ",", required = true,
            description = "Metrics to evaluate, comma-separated or repeated (e.g. fid,kid or loglik).")
    private List<String> metrics = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set a metric option: metric.X for every metric named that has option X, NAME.X for metric"
                    + " NAME only (e.g. --set metric.samples=2000 --set kid.kidSubsets=20). Repeatable.")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--step", paramLabel = "K",
            description = "Evaluate the checkpoint of step K (default: the latest).")
    private Long step;

    @Override
    public Integer call() {
        PluginRegistry registry = root.registry();
        List<String> names = new ArrayList<>(new LinkedHashSet<>(metrics.stream().map(String::strip).toList()));
        if (names.contains("")) {
            throw new ConfigException("--metric", String.join(",", metrics), "metric names separated by commas");
        }
        List<PluginChoice> choices = choices(registry, names);
        RunEvaluation.Result result = RunEvaluation.evaluate(registry, directory, choices, Optional.ofNullable(step));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Evaluated " + result.directory().getFileName() + " at step " + result.step() + ": "
                + String.join(", ", names) + ", " + Format.seconds(result.seconds()));
        Table table = Table.plain(2).align(Table.Align.RIGHT, 1);
        result.values().forEach((name, value) -> table.row(name, Format.number(value)));
        table.print(out, "  ");
        out.println("Recorded in " + result.directory().resolve(RunDirectory.METRICS_FILE));
        out.flush();
        return ExitCodes.OK;
    }

    /** Each metric with its {@code metric.X} options (those it has) and then its own {@code NAME.X} options. */
    private List<PluginChoice> choices(PluginRegistry registry, List<String> names) {
        Map<String, MetricProvider<?>> providers = new LinkedHashMap<>();
        for (String name : names) {
            providers.put(name, registry.select(PluginKind.METRIC, MetricProvider.class, name));
        }
        List<String> kinds = new ArrayList<>();
        kinds.add(SHARED);
        kinds.addAll(names);
        Map<String, Map<String, Object>> set = Assignments.parse(sets, kinds);
        Map<String, Object> shared = set.get(SHARED);
        for (Map.Entry<String, Object> e : shared.entrySet()) {
            if (providers.values().stream().noneMatch(p -> OptionsBinder.hasOption(p, e.getKey()))) {
                throw new ConfigException("--set", SHARED + "." + e.getKey() + "=" + e.getValue(),
                        "an option of at least one of the metrics named (" + String.join(", ", names) + ")");
            }
        }
        List<PluginChoice> out = new ArrayList<>();
        for (Map.Entry<String, MetricProvider<?>> e : providers.entrySet()) {
            Map<String, Object> options = new LinkedHashMap<>();
            shared.forEach((k, v) -> {
                if (OptionsBinder.hasOption(e.getValue(), k)) {
                    options.put(k, v);
                }
            });
            options.putAll(set.get(e.getKey()));
            out.add(new PluginChoice(e.getKey(), options));
        }
        return out;
    }
}
