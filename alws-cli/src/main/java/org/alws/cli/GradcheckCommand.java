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
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
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
import org.alws.core.config.OptionsBinder;
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
 * each learner (and, for a learner that uses one, such as ALWS, each regressor) for each sample budget N and seed, and
 * compares with the exact score: relative error and mean cosine, averaged over seeds. N is the learner's budget per
 * point estimate: sleep samples for ALWS, particles K for the baselines. With {@code --model} another model with an
 * exact score is checked instead, at its initial parameters and the first held-out points of its data set.
 *
 * <p>Prints a table (and, with several learners or regressors, an equal-wall-time summary), optionally writes a CSV,
 * and plots the relative error against N. {@code --learner all} runs every available learner that estimates per-point
 * scores, skipping with a note those that cannot handle the model. {@code --set learner.X=Y} sets option X of every
 * learner run that has one (an error if none has); {@code --set NAME.X=Y} sets it for the learner or regressor NAME
 * only, over {@code learner.X} and {@code regressor.X}.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Check per-point gradient estimates against the exact score.",
            "Runs each learner on the gradient-estimation model for b in {(1, 0.5), (2, -1), (0.3, 0.3)}, each "
                    + "sigma_x and each sample budget N, at data points drawn from the model itself; or, with "
                    + "--model, on another model with an exact score.",
            "N is the budget of one point estimate: sleep samples for alws, particles K for the baselines.",
            "Prints one row per setting, learner, regressor and N, averaged over seeds, then (with several learners"
                    + " or regressors) the lowest error each setting reaches within the time alws takes at its "
                    + "largest N; progress goes to standard error."
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
            description = "Sample budgets N (sleep samples for alws, particles for the baselines), comma-separated;"
                    + " NAME:N gives a budget to the regressor NAME only, or to the learner NAME that uses no "
                    + "regressor (e.g. --n krr:2000,rff:20000,vae:100) (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--learner", paramLabel = "NAME", split = ",", defaultValue = "alws",
            description = "Learner plugins, comma-separated, or 'all' for every available one that estimates "
                    + "per-point scores (those that cannot handle the model are skipped with a note); a named "
                    + "learner must estimate per-point scores (default: ${DEFAULT-VALUE}).")
    private List<String> learnerNames;

    @Option(names = "--regressor", paramLabel = "NAME", split = ",", defaultValue = "krr",
            description = "Regressor plugins of the learners that use one (alws), comma-separated, or 'all' for "
                    + "every available one (default: ${DEFAULT-VALUE}).")
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
                    + "learner.X sets X for every learner run that has an option X; KIND may also name one learner "
                    + "or regressor (--set rws.guideFitSteps=50, --set rff.features=2000), over learner.X and "
                    + "regressor.X; repeatable.")
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

    /** A learner of the study: its plugin name and instance. */
    private record Run(String name, Learner learner) {
        boolean usesRegressor() {
            return ((ScoreEstimator) learner).usesRegressor();
        }
    }

    @Override
    public Integer call() {
        validate();
        PluginRegistry registry = root.registry();
        List<String> regressors = regressorNames.size() == 1 && regressorNames.get(0).equals("all")
                ? registry.list(PluginKind.REGRESSOR).stream().filter(i -> i.isAvailable()).map(i -> i.name())
                        .toList()
                : List.copyOf(regressorNames);
        boolean allLearners = learnerNames.size() == 1 && learnerNames.get(0).equals("all");
        List<String> learnerList = allLearners
                ? registry.list(PluginKind.LEARNER).stream().filter(i -> i.isAvailable()).map(i -> i.name())
                        .toList()
                : learnerNames.stream().map(n -> Plugins.resolveName(registry, PluginKind.LEARNER, n.strip()))
                        .distinct().toList();
        List<String> kinds = new ArrayList<>(List.of("learner", "regressor", "kernel", "model", "data"));
        for (String name : learnerList) {
            if (!kinds.contains(name)) {
                kinds.add(name);
            }
        }
        for (String r : regressors) {
            if (!kinds.contains(r)) {
                kinds.add(r);
            }
        }
        Map<String, Map<String, Object>> set = Assignments.parse(sets, kinds);
        List<String> notes = new ArrayList<>();
        List<Run> learners = learners(registry, learnerList, allLearners, set, notes);
        Kernel kernel = Plugins.kernel(registry, kernelName, set.get("kernel"));
        Map<String, Regressor> built = new LinkedHashMap<>();
        for (String name : regressors) {
            Map<String, Object> options = new LinkedHashMap<>(set.get("regressor"));
            options.putAll(set.getOrDefault(name, Map.of()));
            built.put(Plugins.resolveName(registry, PluginKind.REGRESSOR, name),
                    Plugins.regressor(registry, name, options, kernel));
        }
        checkBudgetNames(built.keySet(), learners);
        Backend backend = Plugins.backend(registry);
        boolean grid = modelName.equals(STUDY_MODEL) && dataName == null && set.get("model").isEmpty()
                && set.get("data").isEmpty();
        List<GradientStudy.Setting> settings = grid ? studySettings() : List.of(modelSetting(registry, set));
        learners = compatible(learners, settings, backend, allLearners, notes);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Result> results = new ArrayList<>();
        int done = 0;
        long start = System.nanoTime();
        for (GradientStudy.Setting setting : settings) {
            for (Run run : List.copyOf(learners)) {
                long learnerStart = System.nanoTime();
                List<Result> rows;
                try {
                    rows = runLearner(setting, backend, run, built);
                } catch (IncompatibleModelException e) {
                    if (!allLearners) {
                        throw e;
                    }
                    learners.remove(run);
                    results.removeIf(r -> r.learner().equals(run.name()));
                    notes.add(skipNote(run.name(), e.getMessage()));
                    continue;
                }
                results.addAll(rows);
                if (learners.size() > 1) {
                    err.println("gradcheck:   " + run.name() + " done ("
                            + Format.seconds((System.nanoTime() - learnerStart) / 1e9) + ")");
                    err.flush();
                }
            }
            done++;
            err.println("gradcheck: " + done + "/" + settings.size() + " settings done (" + describe(setting) + ", "
                    + Format.seconds((System.nanoTime() - start) / 1e9) + " elapsed)");
            err.flush();
        }
        if (learners.isEmpty()) {
            throw new IncompatibleModelException("no learner can estimate per-point gradients of model " + modelName
                    + ": " + String.join("; ", notes));
        }
        table(results).print(out, "");
        if (pairs(results).size() > 1) {
            out.println();
            equalTimeSummary(results, reference(learners, built.keySet())).forEach(out::println);
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(out::println);
        }
        if (csv != null) {
            Csv.write(csv, CSV_HEADER, results.stream().map(GradcheckCommand::csvRow).toList());
            out.println("CSV:  " + csv.toAbsolutePath().normalize());
        }
        Path png = plotPath();
        plot(png, results, settings.size());
        out.println("Plot: " + png.toAbsolutePath().normalize());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Builds the learners named: each with the {@code learner.X} options it has (all of them when only one learner
     * runs, so that a wrong option is the binder's usual error) and then its own {@code NAME.X} options. With
     * {@code all}, learners that do not estimate per-point scores are left out with a note; a named one is an error.
     */
    private static List<Run> learners(PluginRegistry registry, List<String> names, boolean all,
            Map<String, Map<String, Object>> set, List<String> notes) {
        Map<String, Object> shared = set.get("learner");
        Map<String, LearnerProvider<?>> providers = new LinkedHashMap<>();
        for (String name : names) {
            providers.put(name, registry.select(PluginKind.LEARNER, LearnerProvider.class, name));
        }
        if (providers.size() > 1) {
            for (Map.Entry<String, Object> e : shared.entrySet()) {
                if (providers.values().stream().noneMatch(p -> OptionsBinder.hasOption(p, e.getKey()))) {
                    throw new ConfigException("--set", "learner." + e.getKey() + "=" + e.getValue(),
                            "an option of at least one of the learners run (" + String.join(", ", names) + ")");
                }
            }
        }
        List<Run> out = new ArrayList<>();
        for (Map.Entry<String, LearnerProvider<?>> e : providers.entrySet()) {
            LearnerProvider<?> p = e.getValue();
            Map<String, Object> options = new LinkedHashMap<>();
            shared.forEach((k, v) -> {
                if (providers.size() == 1 || OptionsBinder.hasOption(p, k)) {
                    options.put(k, v);
                }
            });
            options.putAll(set.getOrDefault(e.getKey(), Map.of()));
            Learner learner = create(p, options);
            if (!(learner instanceof ScoreEstimator)) {
                if (all) {
                    notes.add(skipNote(e.getKey(), "it does not estimate per-point gradients (no ScoreEstimator)"));
                    continue;
                }
                throw new IncompatibleModelException("learner " + e.getKey() + " cannot estimate per-point gradients"
                        + " (it does not implement ScoreEstimator); gradcheck needs a learner that does, e.g. alws");
            }
            out.add(new Run(e.getKey(), learner));
        }
        return out;
    }

    private static <O extends Record> Learner create(LearnerProvider<O> provider, Map<String, Object> options) {
        return provider.create(OptionsBinder.bind(provider, options));
    }

    private static String skipNote(String learner, String reason) {
        return "Skipped " + learner + ": " + reason;
    }

    /**
     * The learners that can handle every setting's model ({@link Learner#checkCompatible}); with {@code all} the
     * others are left out with a note, else the first is an error.
     */
    private List<Run> compatible(List<Run> learners, List<GradientStudy.Setting> settings, Backend backend,
            boolean all, List<String> notes) {
        List<Run> out = new ArrayList<>(learners);
        for (GradientStudy.Setting setting : settings) {
            ModelStructure structure = GradientStudy.structure(setting, backend, dtype);
            for (Run run : List.copyOf(out)) {
                try {
                    run.learner().checkCompatible(structure);
                } catch (IncompatibleModelException e) {
                    if (!all) {
                        throw e;
                    }
                    out.remove(run);
                    notes.add(skipNote(run.name(), e.getMessage()));
                }
            }
        }
        return out;
    }

    /** Every regressor (or none) and budget of one learner on one setting, averaged over the seeds. */
    private List<Result> runLearner(GradientStudy.Setting setting, Backend backend, Run run,
            Map<String, Regressor> regressors) {
        Map<String, Regressor> used = new LinkedHashMap<>();
        if (run.usesRegressor()) {
            used.putAll(regressors);
        } else {
            used.put("", null);
        }
        List<Result> out = new ArrayList<>();
        for (Map.Entry<String, Regressor> reg : used.entrySet()) {
            int size = reg.getValue() == null ? -1 : reg.getValue().basisSize().orElse(-1);
            for (int n : budgetsOf(reg.getKey().isEmpty() ? run.name() : reg.getKey())) {
                double rel = 0;
                double cos = 0;
                double sec = 0;
                for (long s = 1; s <= seeds; s++) {
                    GradientStudy.Row row = GradientStudy.run(setting, backend, dtype, run.name(), run.learner(),
                            reg.getKey(), reg.getValue(), n, s);
                    rel += row.relativeError();
                    cos += row.cosine();
                    sec += row.seconds();
                }
                Map<String, Double> l = setting.labels();
                out.add(new Result(run.name(), reg.getKey(), l.getOrDefault("b1", Double.NaN),
                        l.getOrDefault("b2", Double.NaN), l.getOrDefault("sigma_x", Double.NaN), n, rel / seeds,
                        cos / seeds, sec / seeds, size));
            }
        }
        return out;
    }

    /** Checks that the NAME of every NAME:N entry of --n is a regressor run or a learner run without one. */
    private void checkBudgetNames(java.util.Set<String> regressors, List<Run> learners) {
        List<String> names = new ArrayList<>();
        if (learners.stream().anyMatch(Run::usesRegressor)) {
            names.addAll(regressors);
        }
        List<String> plain = learners.stream().filter(r -> !r.usesRegressor()).map(Run::name).toList();
        names.addAll(plain);
        for (String entry : budgets) {
            int colon = entry.indexOf(':');
            if (colon >= 0 && !names.contains(entry.substring(0, colon).trim())) {
                throw new ConfigException("--n", entry, "NAME:N with NAME one of the regressors "
                        + (plain.isEmpty() ? "" : "or learners ") + "run, " + String.join(", ", names));
            }
        }
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

    /** A learner and its regressor (empty for none): one line of the plot. */
    private record Pair(String learner, String regressor, int size) {
        String label() {
            return regressor.isEmpty() ? learner
                    : learner + " " + regressor + (size < 0 ? "" : " (" + size + ")");
        }
    }

    private static Pair pair(Result r) {
        return new Pair(r.learner(), r.regressor(), r.size());
    }

    /** The learner/regressor pairs of the results, in order of appearance. */
    private static List<Pair> pairs(List<Result> results) {
        return results.stream().map(GradcheckCommand::pair).distinct().toList();
    }

    /** The pair whose time at its largest N is the equal-time budget: alws (else the first learner), first regressor. */
    private static Pair reference(List<Run> learners, java.util.Set<String> regressors) {
        Run ref = learners.stream().filter(r -> r.name().equals("alws")).findFirst().orElse(learners.get(0));
        return new Pair(ref.name(), ref.usesRegressor() ? regressors.iterator().next() : "", 0);
    }

    private static String settingKey(Result r) {
        return r.b1() + "," + r.b2() + "," + r.sigmaX();
    }

    /**
     * The equal-wall-time view: for each setting, the time budget T is the mean time of one estimate of the reference
     * pair at its largest N; among all estimates (every learner, regressor and N) that took at most T, the one with
     * the lowest relative error, beside the reference's own error at T and how many pairs have an estimate within T.
     */
    private static List<String> equalTimeSummary(List<Result> results, Pair reference) {
        Map<String, List<Result>> bySetting = new LinkedHashMap<>();
        for (Result r : results) {
            bySetting.computeIfAbsent(settingKey(r), k -> new ArrayList<>()).add(r);
        }
        String refLabel = reference.regressor().isEmpty() ? reference.learner()
                : reference.learner() + " " + reference.regressor();
        Table t = Table.withHeader("b1", "b2", "sigma_x", "time_s", "best", "N", "rel_error", "seconds",
                "ref_rel_error", "within").align(Table.Align.RIGHT, 0, 1, 2, 3, 5, 6, 7, 8, 9);
        for (List<Result> rs : bySetting.values()) {
            Result ref = null;
            for (Result r : rs) {
                if (r.learner().equals(reference.learner()) && r.regressor().equals(reference.regressor())
                        && (ref == null || r.n() > ref.n())) {
                    ref = r;
                }
            }
            if (ref == null) {
                continue;
            }
            double limit = ref.seconds();
            Result best = null;
            java.util.Set<Pair> within = new java.util.HashSet<>();
            for (Result r : rs) {
                if (r.seconds() <= limit) {
                    within.add(pair(r));
                    if (Double.isFinite(r.relError()) && (best == null || r.relError() < best.relError())) {
                        best = r;
                    }
                }
            }
            Result first = rs.get(0);
            t.row(label(first.b1()), label(first.b2()), label(first.sigmaX()), Format.number(limit, 3),
                    best == null ? "-" : pair(best).label(), best == null ? "" : Integer.toString(best.n()),
                    best == null ? "" : Format.number(best.relError(), 4),
                    best == null ? "" : Format.number(best.seconds(), 3), Format.number(ref.relError(), 4),
                    within.size() + "/" + pairs(rs).size());
        }
        List<String> out = new ArrayList<>();
        out.add("Equal wall time: the lowest relative error among estimates (any learner, regressor and N) that took "
                + "at most time_s, the time of " + refLabel + " at its largest N (ref_rel_error: its error there;"
                + " within: learner/regressor pairs with an estimate that fast)");
        out.addAll(t.lines());
        return out;
    }

    /**
     * The relative error against N: one line per learner/regressor pair (the mean over settings when there are
     * several), or, for a single pair, one line per setting.
     */
    private static void plot(Path png, List<Result> results, int settings) {
        List<Pair> pairs = pairs(results);
        Map<String, java.util.TreeMap<Integer, double[]>> lines = new LinkedHashMap<>();
        for (Result r : results) {
            String name;
            if (pairs.size() > 1) {
                name = pair(r).label();
            } else {
                String setting = Double.isNaN(r.b1()) ? "" : "b=(" + Format.number(r.b1()) + ", "
                        + Format.number(r.b2()) + "), \u03c3x=" + Format.number(r.sigmaX());
                name = setting.isEmpty() ? pair(r).label() : setting;
            }
            double[] sumAndCount = lines.computeIfAbsent(name, k -> new java.util.TreeMap<>())
                    .computeIfAbsent(r.n(), k -> new double[2]);
            sumAndCount[0] += r.relError();
            sumAndCount[1] += 1;
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        lines.forEach((name, byN) -> {
            double[] x = byN.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = byN.values().stream().mapToDouble(v -> v[0] / v[1]).toArray();
            series.put(name, new double[][] {x, y});
        });
        boolean averaged = pairs.size() > 1 && settings > 1;
        String title = "Gradient estimates: relative error against N"
                + (averaged ? " (mean over " + settings + " settings)" : "");
        String xLabel = results.stream().allMatch(r -> !r.regressor().isEmpty()) ? "N (sleep samples)"
                : "N (sleep samples or particles)";
        int width = series.size() > 8 ? 1100 : Plots.DEFAULT_WIDTH;
        int height = series.size() > 8 ? 750 : Plots.DEFAULT_HEIGHT;
        if (series.values().stream().allMatch(xy -> xy[0].length > 1)) {
            Plots.line(png, title, xLabel, "relative error", series, true, true, width, height);
        } else {
            // A line through one point is invisible: show points instead.
            Plots.scatter(png, title, xLabel, "relative error", series, true, true, width, height);
        }
    }
}
