package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.plugin.PluginKind;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.cli.text.Csv;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.bench.RegressionBenchmark;
import org.alws.core.registry.PluginInfo;
import org.alws.core.registry.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws bench regression}: times one regression step (fit on N sleep inputs, weights at M queries) of each
 * regressor for each N and floating type, on inputs x ~ N(0, I) of dimension D, beside the bare backend operations of
 * exact kernel ridge regression of the same size. Prints a table, writes an optional CSV and a log-log plot.
 */
@Command(name = "regression", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Time one regression step of each regressor against the bare linear algebra.",
            "A step is the compiled function regressor.fit(x, context).weights(queries) (plus the regressor's "
                    + "host-side preparation, if it has one), with x ~ N(0, I) of dimension D and M queries. For "
                    + "exact kernel ridge regression the same run times the bare backend operations of that size: "
                    + "Gram matrix + a single cholesky + 2 triangular solves, and the cholesky alone.",
            "Times are medians over the repeats after two warm-up calls, in milliseconds."
        })
final class BenchRegressionCommand implements Callable<Integer> {
    /** The CSV header. */
    static final List<String> CSV_HEADER = List.of("regressor", "n", "d", "m", "dtype", "step_s", "bare_s",
            "bare_cholesky_s");
    /** Regressors run when none are named: exact KRR, and the approximations when installed. */
    static final List<String> DEFAULT_REGRESSORS = List.of("krr", "rff", "nystrom");

    @ParentCommand
    private BenchCommand bench;

    @Spec
    private CommandSpec spec;

    @Option(names = "--regressor", paramLabel = "NAME", split = ",",
            description = "Regressor plugins, comma-separated (default: krr, plus rff and nystrom where installed).")
    private List<String> regressorNames;

    @Option(names = "--n", paramLabel = "N", split = ",", defaultValue = "1000,2000,5000,10000,20000",
            description = "Sleep sample counts N, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> sizes;

    @Option(names = "--max-exact", paramLabel = "N", defaultValue = "10000",
            description = "Largest N for exact kernel ridge regression and its bare operations; larger N are "
                    + "skipped with a note (default: ${DEFAULT-VALUE}).")
    private int maxExact;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "784",
            description = "Input dimension D (default: ${DEFAULT-VALUE}).")
    private int dimension;

    @Option(names = "--m", paramLabel = "M", defaultValue = "100",
            description = "Queries M (default: ${DEFAULT-VALUE}).")
    private int queries;

    @Option(names = "--dtype", paramLabel = "TYPE", split = ",", defaultValue = "float32,float64",
            converter = DTypeConverter.class, completionCandidates = DTypeConverter.class,
            description = "Floating types, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private List<DType> dtypes;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Timed repetitions per figure (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the inputs, the queries and the regressors' random choices "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--kernel", paramLabel = "NAME",
            description = "Kernel plugin of the regressors (default: the registry's default).")
    private String kernelName;

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set an option: regressor.X=Y for every regressor run, NAME.X=Y for the regressor NAME "
                    + "only (e.g. --set rff.features=2000), kernel.X=Y for the kernel; repeatable.")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the timings (in seconds) to this CSV.")
    private Path csv;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "PNG plot, log-log time against N (default: the CSV's name with .png, else "
                    + "regression.png).")
    private Path plot;

    @Override
    public Integer call() {
        RegressionBenchmark.Options options = options();
        PluginRegistry registry = bench.root().registry();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> notes = new ArrayList<>();
        List<String> names = regressorNames(registry, notes);
        List<String> kinds = new ArrayList<>(List.of("regressor", "kernel"));
        names.stream().filter(n -> !kinds.contains(n)).forEach(kinds::add);
        Map<String, Map<String, Object>> set = Assignments.parse(sets, kinds);
        Kernel kernel = Plugins.kernel(registry, kernelName, set.get("kernel"));
        Map<String, Regressor> regressors = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Object> o = new LinkedHashMap<>(set.get("regressor"));
            o.putAll(set.getOrDefault(name, Map.of()));
            regressors.put(name, Plugins.regressor(registry, name, o, kernel));
        }

        RegressionBenchmark.Result result = RegressionBenchmark.run(Plugins.backend(registry), regressors, options,
                line -> {
                    err.println(line);
                    err.flush();
                });
        notes.addAll(result.notes());
        out.println("Regression step (fit + weights), D=" + dimension + ", M=" + queries + ", median of " + repeats
                + " after 2 warm-up calls; " + result.backend());
        table(result.rows()).print(out, "");
        for (String note : notes) {
            out.println("Note: " + note);
        }
        if (csv != null) {
            Csv.write(csv, CSV_HEADER, result.rows().stream().map(BenchRegressionCommand::csvRow).toList());
            out.println("CSV:  " + csv.toAbsolutePath().normalize());
        }
        Path png = plotPath();
        RegressionBenchmark.plot(png, result.rows());
        out.println("Plot: " + png.toAbsolutePath().normalize());
        out.flush();
        return ExitCodes.OK;
    }

    private RegressionBenchmark.Options options() {
        for (int n : sizes) {
            if (n < 2) {
                throw new ConfigException("--n", n, "sleep sample counts >= 2");
            }
        }
        Check.atLeast("--max-exact", maxExact, 2);
        Check.atLeast("--dim", dimension, 1);
        Check.atLeast("--m", queries, 1);
        Check.atLeast("--repeats", repeats, 1);
        return new RegressionBenchmark.Options(List.copyOf(new LinkedHashSet<>(sizes)), dimension, queries,
                List.copyOf(new LinkedHashSet<>(dtypes)), repeats, seed, maxExact);
    }

    /**
     * The regressors to run: those named (each must be installed and available), or the defaults that are, with a
     * note for each default that is not.
     */
    private List<String> regressorNames(PluginRegistry registry, List<String> notes) {
        if (regressorNames != null) {
            List<String> names = new ArrayList<>(new LinkedHashSet<>(regressorNames.stream().map(String::strip)
                    .toList()));
            for (String name : names) {
                registry.require(PluginKind.REGRESSOR, name);
            }
            return names;
        }
        List<String> names = new ArrayList<>();
        for (String name : DEFAULT_REGRESSORS) {
            PluginInfo info = registry.find(PluginKind.REGRESSOR, name).orElse(null);
            if (info == null) {
                notes.add(name + ": not installed, skipped");
            } else if (!info.isAvailable()) {
                notes.add(name + ": unavailable (" + info.availability().reason() + "), skipped");
            } else {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            registry.require(PluginKind.REGRESSOR, DEFAULT_REGRESSORS.get(0));
        }
        return names;
    }

    private static Table table(List<RegressionBenchmark.Row> rows) {
        Table t = Table.withHeader("regressor", "N", "D", "dtype", "ms", "bare ms", "bare cholesky ms")
                .align(Table.Align.RIGHT, 1, 2, 4, 5, 6);
        for (RegressionBenchmark.Row r : rows) {
            t.row(r.regressor(), Integer.toString(r.n()), Integer.toString(r.dimension()), r.dtype().label(),
                    Format.millis(r.seconds()), r.exact() ? Format.millis(r.bareSeconds()) : "-",
                    r.exact() ? Format.millis(r.bareCholeskySeconds()) : "-");
        }
        return t;
    }

    private static List<String> csvRow(RegressionBenchmark.Row r) {
        return List.of(r.regressor(), Integer.toString(r.n()), Integer.toString(r.dimension()),
                Integer.toString(r.queries()), r.dtype().label(), Double.toString(r.seconds()),
                r.exact() ? Double.toString(r.bareSeconds()) : "", r.exact() ? Double.toString(r.bareCholeskySeconds())
                        : "");
    }

    private Path plotPath() {
        if (plot != null) {
            return plot;
        }
        if (csv != null) {
            String file = csv.getFileName().toString();
            String stem = file.toLowerCase(Locale.ROOT).endsWith(".csv") ? file.substring(0, file.length() - 4)
                    : file;
            return csv.resolveSibling(stem + ".png");
        }
        return Path.of("regression.png");
    }
}
