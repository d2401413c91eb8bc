package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.NumericalException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.cli.text.Csv;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.config.OptionsBinder;
import org.alws.core.preset.Presets;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws bench image-step}: times one ALWS training step on an image model, built through the registry as
 * {@code alws train --learner alws --regressor rff} builds it (by default the CPU-sized {@code mlp-decoder} on
 * flattened 28×28 images: k = 16, two hidden layers of 400 ReLU units, Gaussian pixels; N = 1,000 sleep samples; random
 * Fourier features, D = 1,000, of a Gaussian kernel on a 100-feature standardised random projection), against the
 * model's own forward and backward pass over the same N samples in the same process and workspace: one compiled
 * function that draws N joint samples, scores log p(z, x) at them and takes its gradient with respect to every model
 * parameter (what any sleep-based learner needs, without the regression). The wake batch is synthetic data of the
 * model's observed shape (pixels uniform in [−1, 1], or binary for Bernoulli pixels), so no data set is needed.
 */
@Command(name = "image-step", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Time one ALWS step on an image model against the model's own forward + backward pass over the same "
                    + "N sleep samples.",
            "ALWS: learner alws with regressor rff on projection features, optimizer adam, resolved and run as "
                    + "'alws train' does (sleep, regression, weighted backward pass and update). Decoder: one "
                    + "compiled function drawing N joint samples, scoring log p(z, x) and differentiating it with "
                    + "respect to every model parameter. Both run in one workspace on the same parameters.",
            "With --preset, the preset's own model, learner, regressor, kernel, optimizer and batch size instead "
                    + "(e.g. --preset fashion-mnist-cpu).",
            "Times are means of the repeats after the warm-up steps, in milliseconds, so that a kernel step taken "
                    + "every k-th step is charged in proportion; the two are timed alternately."
        })
final class BenchImageStepCommand implements Callable<Integer> {
    /** The CSV header. */
    static final List<String> CSV_HEADER = List.of("model", "sleep_samples", "features", "projection", "batch",
            "dtype", "likelihood", "alws_s", "sleep_s", "regression_s", "wake_s", "decoder_s", "ratio");
    /** The kinds {@code --set} accepts. */
    static final List<String> SET_KINDS = List.of("model", "learner", "regressor", "kernel", "optimizer",
            "training");
    /** The model of the CPU preset. */
    static final String CPU_MODEL = "mlp-decoder";

    @ParentCommand
    private BenchCommand bench;

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "Time this preset's configuration (its "
            + "model, learner options, regressor, kernel, optimizer and batch size; --set applies over it) instead "
            + "of the flags below.")
    private String preset;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Image model (default: " + CPU_MODEL + ": k=16, 2x400 relu, D=784).")
    private String modelName;

    @Option(names = "--sleep-samples", paramLabel = "N",
            description = "Sleep samples N per step (default: 1000).")
    private Integer sleepSamples;

    @Option(names = "--features", paramLabel = "D",
            description = "Random Fourier features D of the rff regressor (default: 1000).")
    private Integer features;

    @Option(names = "--projection", paramLabel = "F",
            description = "Features F of the random projection the kernel acts on (default: 100).")
    private Integer projection;

    @Option(names = "--batch", paramLabel = "M",
            description = "Wake points (data examples) per step (default: 100).")
    private Integer batch;

    @Option(names = "--likelihood", paramLabel = "NAME",
            description = "Pixel likelihood of the model: gaussian or bernoulli (default: gaussian).")
    private String likelihood;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32", converter = DTypeConverter.class,
            completionCandidates = DTypeConverter.class,
            description = "Floating type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private DType dtype;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "20",
            description = "Timed steps of each (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "3",
            description = "Untimed steps of each first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Root seed of the data, the parameters and the draws (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set a model, learner, regressor, kernel, optimizer or training option, e.g. "
                    + "--set model.hidden=200 --set regressor.featureStandardisation=sleep; repeatable.")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the timings (in seconds) to this CSV.")
    private Path csv;

    /**
     * Mean seconds: the ALWS step and its phases (NaN where the step does not time them, e.g. a fused step), and the
     * decoder's forward and backward pass.
     */
    record Timing(double alws, double sleep, double regression, double wake, double decoder) {
        double ratio() {
            return alws / decoder;
        }
    }

    @Override
    public Integer call() {
        if (preset != null) {
            List<String> given = new ArrayList<>();
            for (Object[] flag : new Object[][] {{"--model", modelName}, {"--sleep-samples", sleepSamples},
                {"--features", features}, {"--projection", projection}, {"--batch", batch},
                {"--likelihood", likelihood}}) {
                if (flag[1] != null) {
                    given.add((String) flag[0]);
                }
            }
            if (!given.isEmpty()) {
                throw new ConfigException("--preset", "--preset " + preset + " sets the model, N, the regressor and "
                        + "the batch; " + String.join(", ", given) + " cannot be combined with it (use --set)");
            }
        }
        atLeast("--sleep-samples", sleepSamples, 2);
        atLeast("--features", features, 1);
        atLeast("--projection", projection, 1);
        atLeast("--batch", batch, 1);
        Check.atLeast("--repeats", repeats, 1);
        Check.atLeast("--warmup", warmup, 0);
        PluginRegistry registry = bench.root().registry();
        ResolvedRun resolved = resolve(registry);
        GenerativeModel model = resolved.createModel();
        Map<String, Object> modelOptions = OptionsBinder.toMap(resolved.model().options());
        String pixels = String.valueOf(modelOptions.getOrDefault("likelihood", "")).toLowerCase(java.util.Locale.ROOT);
        Optimizer optimizer = Plugins.optimizer(registry, resolved.optimizer().name(),
                OptionsBinder.toMap(resolved.optimizer().options()));
        Kernel kernel = Plugins.kernel(registry, resolved.kernel().name(),
                OptionsBinder.toMap(resolved.kernel().options()));
        Regressor regressor = Plugins.regressor(registry, resolved.regressor().name(),
                OptionsBinder.toMap(resolved.regressor().options()), kernel);
        Learner learner = Plugins.learner(registry, resolved.learner().name(),
                OptionsBinder.toMap(resolved.learner().options()));
        if (!resolved.learner().name().equals("alws")) {
            throw new ConfigException("--preset", "preset " + preset + " trains learner '"
                    + resolved.learner().name() + "'; bench image-step times alws");
        }
        int n = ((Number) OptionsBinder.toMap(resolved.learner().options()).get("sleepSamples")).intValue();
        TrainingOptions training = resolved.config().training();
        int wakePoints = training.batchSize();

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Timing timing;
        String description;
        String decoderText = model.toString();
        try (Workspace ws = resolved.backend().provider().open(WorkspaceOptions.defaults().withFloatType(dtype))) {
            description = ws.description();
            SeedStream root = SeedStream.root(resolved.config().seed());
            SiteInfo observed = new StandardLearnerContext(ws, model, root, optimizer, regressor, Shape.scalar(),
                    wakePoints, 60_000, training.clipNorm()).structure().observed();
            StandardLearnerContext context = new StandardLearnerContext(ws, model, root, optimizer, regressor,
                    observed.eventShape(), wakePoints, 60_000, training.clipNorm());
            learner.checkCompatible(context.structure());
            HostArray data = syntheticImages(observed, wakePoints, pixels.equals("bernoulli"),
                    SeedStream.root(seed).child("bench").child("data"));
            try (LearnerSession session = learner.start(context)) {
                CompiledFunction decoder = decoderPass(ws, model, context.modelParameters(), n);
                timing = time(session, decoder, data, SeedStream.root(seed).child("bench").child("decoder"));
            }
        }
        err.println("bench image-step: done");
        err.flush();

        out.println("Image step: " + decoderText + ", alws N=" + n + ", " + regressor + ", wake batch " + wakePoints + ", "
                + dtype.label() + "; mean of " + repeats + " after " + warmup + " warm-up steps; " + description);
        Table t = Table.withHeader("computation", "ms/step").align(Table.Align.RIGHT, 1);
        t.row("ALWS step", Format.number(timing.alws() * 1e3, 4));
        if (Double.isNaN(timing.sleep())) {
            t.row("  (fused: one function)", "");
        } else {
            t.row("  sleep", Format.number(timing.sleep() * 1e3, 4));
            t.row("  regression", Format.number(timing.regression() * 1e3, 4));
            t.row("  wake + update", Format.number(timing.wake() * 1e3, 4));
        }
        t.row("decoder fwd+bwd", Format.number(timing.decoder() * 1e3, 4));
        t.print(out, "");
        out.println("ALWS step / decoder fwd+bwd: " + Format.number(timing.ratio(), 3) + " (target <= 2)");
        if (csv != null) {
            Map<String, Object> regressorOptions = OptionsBinder.toMap(resolved.regressor().options());
            Csv.write(csv, CSV_HEADER, List.of(List.of(resolved.model().name(), Integer.toString(n),
                    String.valueOf(regressorOptions.getOrDefault("features", "")),
                    String.valueOf(regressorOptions.getOrDefault("featureDimension", "")), Integer.toString(wakePoints),
                    dtype.label(), pixels, Double.toString(timing.alws()), Double.toString(timing.sleep()),
                    Double.toString(timing.regression()), Double.toString(timing.wake()),
                    Double.toString(timing.decoder()), Double.toString(timing.ratio()))));
            out.println("CSV: " + csv.toAbsolutePath().normalize());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The run configuration {@code alws train --learner alws --regressor rff --kernel gaussian --optimizer adam}
     * would resolve with this benchmark's flags: the CPU preset's decoder unless {@code --model} names another,
     * {@code --set} applied last.
     */
    ResolvedRun resolve(PluginRegistry registry) {
        Map<String, Map<String, Object>> set = Assignments.parse(sets, SET_KINDS);
        if (preset != null) {
            RunConfig c = TrainCommand.withSets(Presets.configuration(registry, preset, false), set);
            return ResolvedRun.resolve(registry, c.withSeed(seed).withDtype(dtype));
        }
        String model = modelName != null ? modelName : CPU_MODEL;
        Map<String, Object> modelOptions = new LinkedHashMap<>();
        if (model.equals(CPU_MODEL)) {
            modelOptions.put("latent", 16);
            modelOptions.put("hidden", 400);
            modelOptions.put("layers", 2);
            modelOptions.put("pixels", 784);
            modelOptions.put("likelihood", "gaussian");
        }
        if (likelihood != null) {
            modelOptions.put("likelihood", likelihood);
        }
        modelOptions.putAll(set.get("model"));
        Map<String, Object> learnerOptions = new LinkedHashMap<>();
        learnerOptions.put("sleepSamples", sleepSamples != null ? sleepSamples : 1000);
        learnerOptions.putAll(set.get("learner"));
        Map<String, Object> regressorOptions = new LinkedHashMap<>();
        regressorOptions.put("features", features != null ? features : 1000);
        regressorOptions.put("featureMap", "projection");
        regressorOptions.put("featureDimension", projection != null ? projection : 100);
        regressorOptions.putAll(set.get("regressor"));
        Map<String, Object> trainingOptions = new LinkedHashMap<>(set.get("training"));
        trainingOptions.put("batchSize", batch != null ? batch : 100);
        RunConfig c = RunConfig.defaults().withSeed(seed).withDtype(dtype)
                .withModel(PluginChoice.of(model).withOptions(modelOptions))
                .withLearner(PluginChoice.of("alws").withOptions(learnerOptions))
                .withRegressor(PluginChoice.of("rff").withOptions(regressorOptions))
                .withKernel(PluginChoice.of("gaussian").withOptions(set.get("kernel")))
                .withOptimizer(PluginChoice.of("adam").withOptions(set.get("optimizer")));
        c = c.withTraining(OptionsBinder.bind("training", c.training(), trainingOptions));
        return ResolvedRun.resolve(registry, c);
    }

    /**
     * decoder(seed) -> (Σ log p(z, x), |∇θ|²): N joint draws, the log joint scored at them (held constant) and its
     * gradient with respect to every parameter of the model, in one function.
     */
    private static CompiledFunction decoderPass(Workspace ws, GenerativeModel model, Parameters parameters, int n) {
        return ws.compile("bench/image-step/decoder/" + n, List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
            TraceResult drawn = Traces.sample(model, ops, parameters, n, in.get(0));
            Map<String, Tensor> given = new LinkedHashMap<>();
            for (Site s : drawn.sites().values()) {
                given.put(s.name(), s.value().stopGradient());
            }
            TraceResult scored = Traces.score(model, ops, parameters, given);
            Tensor objective = scored.logJoint().sum();
            Tensor norm = null;
            for (Tensor g : ops.gradients(objective, new ArrayList<>(scored.parameters().values()))) {
                Tensor s = ops.sumOfSquares(g);
                norm = norm == null ? s : norm.add(s);
            }
            return List.of(objective, norm);
        });
    }

    /** Pixels uniform in [−1, 1], or 0/1 with probability 1/2 each, of the observed site's shape. */
    private static HostArray syntheticImages(SiteInfo observed, int count, boolean binary, SeedStream seeds) {
        Shape shape = observed.eventShape().prepend(count);
        SplittableRandom r = seeds.random(0);
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = binary ? (r.nextBoolean() ? 1 : 0) : r.nextDouble(-1, 1);
        }
        return HostArray.of(shape, v).cast(observed.dtype());
    }

    /** Warm-up, then alternate timed ALWS steps and decoder passes; means in seconds. */
    private Timing time(LearnerSession session, CompiledFunction decoder, HostArray data, SeedStream seeds) {
        long step = 0;
        for (int i = 0; i < warmup; i++, step++) {
            check(session.step(data, step));
            closeAll(decoder.call(seeds.statelessSeed(step)));
        }
        double[] alws = new double[repeats];
        double[] sleep = new double[repeats];
        double[] regression = new double[repeats];
        double[] wake = new double[repeats];
        double[] pass = new double[repeats];
        for (int i = 0; i < repeats; i++, step++) {
            HostArray s = seeds.statelessSeed(step);
            long t0 = System.nanoTime();
            StepResult r = session.step(data, step);
            long t1 = System.nanoTime();
            List<DeviceArray> d = decoder.call(s);
            long t2 = System.nanoTime();
            check(r);
            double[] decoded = {d.get(0).toHost().scalarValue(), d.get(1).toHost().scalarValue()};
            closeAll(d);
            if (!Double.isFinite(decoded[0]) || !Double.isFinite(decoded[1])) {
                throw new NumericalException("bench image-step: the decoder pass gave log joint " + decoded[0]
                        + " and squared gradient norm " + decoded[1]);
            }
            alws[i] = (t1 - t0) / 1e9;
            pass[i] = (t2 - t1) / 1e9;
            sleep[i] = r.metrics().getOrDefault("seconds.sleep", Double.NaN);
            regression[i] = r.metrics().getOrDefault("seconds.regression", Double.NaN);
            wake[i] = r.metrics().getOrDefault("seconds.step", Double.NaN);
        }
        return new Timing(mean(alws), mean(sleep), mean(regression), mean(wake), mean(pass));
    }

    private static void closeAll(List<DeviceArray> arrays) {
        arrays.forEach(DeviceArray::close);
    }

    private static void check(StepResult r) {
        if (!r.finite()) {
            throw new NumericalException("bench image-step: the ALWS step gave loss " + r.loss()
                    + " and gradient norm " + r.gradientNorm());
        }
    }

    private static double mean(double[] t) {
        return Arrays.stream(t).average().orElse(Double.NaN);
    }

    /** An optional flag's value, if given, checked to be at least {@code min}. */
    private static void atLeast(String flag, Integer value, int min) {
        if (value != null) {
            Check.atLeast(flag, value, min);
        }
    }
}
