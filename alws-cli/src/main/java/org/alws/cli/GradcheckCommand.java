package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Backend;
import org.alws.api.data.DataSplits;
import org.alws.api.learn.Learner;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.model.GenerativeModel;
import org.alws.api.plugin.PluginKind;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.cli.text.Csv;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.eval.GradientStudy;
import org.alws.core.plot.Plots;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.models.gradient.GradientEstimationModel;
import org.alws.models.gradient.GradientEstimationSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws gradcheck}: the gradient-estimation study. For each b in {(1, 0.5), (2, −1), (0.3, 0.3)} and each
 * σ_x, draws data points from the gradient-estimation model at (b, σ_x), estimates ∇_b log p(x) at every point with
 * the learner and each regressor for each sample budget N and seed, and compares with the exact score: relative error
 * and mean cosine, averaged over seeds. With {@code --model} another model with an exact score is checked instead, at
 * its initial parameters and the first held-out points of its data set. Prints a table, optionally writes a CSV, and
 * plots the relative error against N.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Check per-point gradient estimates against the exact score.",
            "Runs the learner on the gradient-estimation model for b in {(1, 0.5), (2, -1), (0.3, 0.3)}, each "
                    + "sigma_x and each sample budget N, at data points drawn from the model itself; or, with "
                    + "--model, on another model with an exact score.",
            "Prints one row per setting and N, averaged over seeds; progress goes to standard error."
        })
final class GradcheckCommand implements Callable<Integer> {
    /** The values of b the study runs at. */
    static final double[][] B_VALUES = {{1, 0.5}, {2, -1}, {0.3, 0.3}};
    /** The CSV header. */
    static final List<String> CSV_HEADER =
            List.of("learner", "regressor", "b1", "b2", "sigma_x", "n", "rel_error", "cosine", "seconds", "size");
    /** The model of the built-in study. */
    static final String STUDY_MODEL = "gradient-estimation";

    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", split = ",", defaultValue = "250,500,1000,2000,4000",
            description = "Sample budgets N, comma-separated; NAME:N gives a budget to the regressor NAME only "
                    + "(e.g. --n krr:2000,rff:20000,nystrom:20000) (default: ${DEFAULT-VALUE}).")
    private List<String> budgets;

    @Option(names = "--sigma", paramLabel = "S", split = ",", defaultValue = "0.1,0.5,1.0",
            description = "Observation noise levels sigma_x, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Double> sigmas;

    @Option(names = "--points", paramLabel = "M", defaultValue = "200",
            description = "Data points per setting, drawn from the model at (b, sigma_x) (default: ${DEFAULT-VALUE}).")
    private int points;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "1",
            description = "Estimate with seeds 1..K and average (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed the data points are drawn from (default: ${DEFAULT-VALUE}).")
    private long dataSeed;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float64", converter = DTypeConverter.class,
            completionCandidates = DTypeConverter.class,
            description = "Floating type of the estimates: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private DType dtype;

    @Option(names = "--learner", paramLabel = "NAME", defaultValue = "alws",
            description = "Learner plugin; it must estimate per-point scores (default: ${DEFAULT-VALUE}).")
    private String learnerName;

    @Option(names = "--regressor", paramLabel = "NAME", split = ",", defaultValue = "krr",
            description = "Regressor plugins, comma-separated, or 'all' for every available one "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<String> regressorNames;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = STUDY_MODEL,
            description = "Model: gradient-estimation (the built-in grid, unless model or data options are set) or"
                    + " any model with an exact score, checked at its initial parameters (default: ${DEFAULT-VALUE}).")
    private String modelName;

    @Option(names = "--data", paramLabel = "NAME",
            description = "Data set whose held-out points are used with --model (default: the one named like the "
                    + "model).")
    private String dataName;

    @Option(names = "--kernel", paramLabel = "NAME",
            description = "Kernel plugin of the regressor (default: the registry's default).")
    private String kernelName;

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set a learner, regressor, kernel, model or data option, e.g. --set regressor.ridge=0.5; "
                    + "KIND may also name one regressor (--set rff.features=2000); repeatable.")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the rows to this CSV file.")
    private Path csv;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "PNG plot of the relative error against N (default: the CSV's name with .png, else "
                    + "gradcheck.png).")
    private Path plot;

    /** One averaged result: a setting, a budget, and the means over seeds; the size is D or m, or -1. */
    record Result(String learner, String regressor, double b1, double b2, double sigmaX, int n, double relError,
            double cosine, double seconds, int size) {
    }

    @Override
    public Integer call() {
        validate();
        PluginRegistry registry = root.registry();
        List<String> regressors = regressorNames.size() == 1 && regressorNames.get(0).equals("all")
                ? registry.list(PluginKind.REGRESSOR).stream().filter(i -> i.isAvailable()).map(i -> i.name())
                        .toList()
                : List.copyOf(regressorNames);
        List<String> kinds = new ArrayList<>(List.of("learner", "regressor", "kernel", "model", "data"));
        for (String r : regressors) {
            if (!kinds.contains(r)) {
                kinds.add(r);
            }
        }
        Map<String, Map<String, Object>> set = Assignments.parse(sets, kinds);
        String learnerLabel = Plugins.resolveName(registry, PluginKind.LEARNER, learnerName);
        Learner learner = Plugins.learner(registry, learnerName, set.get("learner"));
        if (!(learner instanceof ScoreEstimator)) {
            throw new IncompatibleModelException("learner " + learnerLabel + " cannot estimate per-point gradients"
                    + " (it does not implement ScoreEstimator); gradcheck needs a learner that does, e.g. alws");
        }
        Kernel kernel = Plugins.kernel(registry, kernelName, set.get("kernel"));
        Map<String, Regressor> built = new LinkedHashMap<>();
        for (String name : regressors) {
            Map<String, Object> options = new LinkedHashMap<>(set.get("regressor"));
            options.putAll(set.getOrDefault(name, Map.of()));
            built.put(Plugins.resolveName(registry, PluginKind.REGRESSOR, name),
                    Plugins.regressor(registry, name, options, kernel));
        }
        for (String entry : budgets) {
            int colon = entry.indexOf(':');
            if (colon >= 0 && !built.containsKey(entry.substring(0, colon).trim())) {
                throw new ConfigException("--n", entry, "NAME:N with NAME one of the regressors run, "
                        + String.join(", ", built.keySet()));
            }
        }
        Backend backend = Plugins.backend(registry);
        boolean grid = modelName.equals(STUDY_MODEL) && dataName == null && set.get("model").isEmpty()
                && set.get("data").isEmpty();
        List<GradientStudy.Setting> settings = grid ? studySettings() : List.of(modelSetting(registry, set));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Result> results = new ArrayList<>();
        int done = 0;
        long start = System.nanoTime();
        for (GradientStudy.Setting setting : settings) {
            for (Map.Entry<String, Regressor> reg : built.entrySet()) {
                int size = reg.getValue().basisSize().orElse(-1);
                for (int n : budgetsOf(reg.getKey())) {
                    double rel = 0;
                    double cos = 0;
                    double sec = 0;
                    for (long s = 1; s <= seeds; s++) {
                        GradientStudy.Row row = GradientStudy.run(setting, backend, dtype, learnerLabel, learner,
                                reg.getKey(), reg.getValue(), n, s);
                        rel += row.relativeError();
                        cos += row.cosine();
                        sec += row.seconds();
                    }
                    Map<String, Double> l = setting.labels();
                    results.add(new Result(learnerLabel, reg.getKey(), l.getOrDefault("b1", Double.NaN),
                            l.getOrDefault("b2", Double.NaN), l.getOrDefault("sigma_x", Double.NaN), n, rel / seeds,
                            cos / seeds, sec / seeds, size));
                }
            }
            done++;
            err.println("gradcheck: " + done + "/" + settings.size() + " settings done (" + describe(setting) + ", "
                    + Format.seconds((System.nanoTime() - start) / 1e9) + " elapsed)");
            err.flush();
        }
        table(results).print(out, "");
        if (csv != null) {
            Csv.write(csv, CSV_HEADER, results.stream().map(GradcheckCommand::csvRow).toList());
            out.println("CSV:  " + csv.toAbsolutePath().normalize());
        }
        Path png = plotPath();
        plot(png, results, built.size() > 1);
        out.println("Plot: " + png.toAbsolutePath().normalize());
        out.flush();
        return ExitCodes.OK;
    }

    /** The built-in grid: every b and σ_x. */
    private List<GradientStudy.Setting> studySettings() {
        List<GradientStudy.Setting> out = new ArrayList<>();
        for (double[] b : B_VALUES) {
            for (double sigma : sigmas) {
                out.add(setting(b, sigma));
            }
        }
        return out;
    }

    /** Another model, at its initial parameters, with the first held-out points of its data set. */
    private GradientStudy.Setting modelSetting(PluginRegistry registry, Map<String, Map<String, Object>> set) {
        RunConfig config = RunConfig.defaults().withSeed(dataSeed)
                .withModel(new PluginChoice(modelName, set.get("model")))
                .withData(new PluginChoice(dataName, set.get("data")));
        ResolvedRun resolved = ResolvedRun.resolve(registry, config);
        GenerativeModel model = resolved.createModel();
        DataSplits data = resolved.loadData(SeedStream.root(dataSeed).child("dataset"));
        int m = Math.min(points, data.test().size());
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        return new GradientStudy.Setting(Map.of(), model, data.test().examples(idx));
    }

    /** The budgets of one regressor: the plain entries of --n and those prefixed with its name. */
    private List<Integer> budgetsOf(String regressor) {
        List<Integer> out = new ArrayList<>();
        for (String entry : budgets) {
            int colon = entry.indexOf(':');
            if (colon < 0 || entry.substring(0, colon).trim().equals(regressor)) {
                out.add(budget(entry));
            }
        }
        return out;
    }

    /** The number in an entry of --n (N or NAME:N), checked. */
    private static int budget(String entry) {
        String number = entry.substring(entry.indexOf(':') + 1).trim();
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new ConfigException("--n", entry, "sample budgets N or NAME:N with an integer N >= 2");
        }
        if (n < 2) {
            throw new ConfigException("--n", entry.indexOf(':') < 0 ? (Object) n : entry, "sample budgets >= 2");
        }
        return n;
    }

    private void validate() {
        if (seeds < 1) {
            throw new ConfigException("--seeds", seeds, "an integer >= 1");
        }
        if (points < 1) {
            throw new ConfigException("--points", points, "an integer >= 1");
        }
        for (String entry : budgets) {
            budget(entry);
        }
        for (double s : sigmas) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new ConfigException("--sigma", s, "finite noise levels > 0");
            }
        }
    }

    /** The model at (b, σ_x) and its data points, drawn from the data seed and the setting. */
    private GradientStudy.Setting setting(double[] b, double sigma) {
        GradientEstimationModel model = new GradientEstimationModel(sigma, b);
        GradientEstimationSampler sampler = new GradientEstimationSampler(b, sigma);
        SeedStream seeds = SeedStream.root(dataSeed).child("gradcheck")
                .child("b=" + b[0] + "," + b[1] + ";sigma_x=" + sigma);
        double[] x = sampler.observations(points, seeds.random(0));
        Map<String, Double> labels = new LinkedHashMap<>();
        labels.put("b1", b[0]);
        labels.put("b2", b[1]);
        labels.put("sigma_x", sigma);
        return new GradientStudy.Setting(labels, model, HostArray.of(Shape.of(points, 1), x));
    }

    private String describe(GradientStudy.Setting setting) {
        Map<String, Double> l = setting.labels();
        if (!l.containsKey("b1")) {
            return "model " + modelName;
        }
        return "b=(" + Format.number(l.get("b1")) + ", " + Format.number(l.get("b2")) + "), sigma_x="
                + Format.number(l.get("sigma_x"));
    }

    private static Table table(List<Result> results) {
        Table t = Table.withHeader("learner", "regressor", "b1", "b2", "sigma_x", "N", "rel_error", "cosine",
                "seconds", "size").align(Table.Align.RIGHT, 2, 3, 4, 5, 6, 7, 8, 9);
        for (Result r : results) {
            t.row(r.learner(), r.regressor(), label(r.b1()), label(r.b2()), label(r.sigmaX()),
                    Integer.toString(r.n()), Format.number(r.relError(), 4), Format.number(r.cosine(), 4),
                    Format.number(r.seconds(), 3), r.size() < 0 ? "" : Integer.toString(r.size()));
        }
        return t;
    }

    private static List<String> csvRow(Result r) {
        return List.of(r.learner(), r.regressor(), csvLabel(r.b1()), csvLabel(r.b2()), csvLabel(r.sigmaX()),
                Integer.toString(r.n()), Double.toString(r.relError()), Double.toString(r.cosine()),
                Double.toString(r.seconds()), r.size() < 0 ? "" : Integer.toString(r.size()));
    }

    private static String label(double v) {
        return Double.isNaN(v) ? "" : Format.number(v);
    }

    private static String csvLabel(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private Path plotPath() {
        if (plot != null) {
            return plot;
        }
        if (csv != null) {
            String file = csv.getFileName().toString();
            String stem = file.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                    ? file.substring(0, file.length() - 4) : file;
            return csv.resolveSibling(stem + ".png");
        }
        return Path.of("gradcheck.png");
    }

    private static void plot(Path png, List<Result> results, boolean byRegressor) {
        Map<String, List<Result>> bySetting = new LinkedHashMap<>();
        for (Result r : results) {
            String setting = Double.isNaN(r.b1()) ? "" : "b=(" + Format.number(r.b1()) + ", "
                    + Format.number(r.b2()) + "), \u03c3x=" + Format.number(r.sigmaX());
            String name = byRegressor || setting.isEmpty()
                    ? r.regressor() + (r.size() < 0 ? "" : " (" + r.size() + ")") + (setting.isEmpty() ? "" : " "
                            + setting) : setting;
            bySetting.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        bySetting.forEach((name, rs) -> {
            double[] x = rs.stream().mapToDouble(Result::n).toArray();
            double[] y = rs.stream().mapToDouble(Result::relError).toArray();
            series.put(name, new double[][] {x, y});
        });
        String title = "Gradient estimates: relative error against N";
        if (series.values().stream().allMatch(xy -> xy[0].length > 1)) {
            Plots.line(png, title, "N (sleep samples)", "relative error", series, true, true);
        } else {
            // A line through one point is invisible: show points instead.
            Plots.scatter(png, title, "N (sleep samples)", "relative error", series, true, true);
        }
    }
}
