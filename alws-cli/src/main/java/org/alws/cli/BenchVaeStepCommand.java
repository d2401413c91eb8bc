package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.baselines.VaeOptions;
import org.alws.baselines.guide.Activation;
import org.alws.cli.text.Csv;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.config.OptionsBinder;
import org.alws.core.optim.AdamOptions;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.TrainingOptions;
import org.alws.tensorflow.bench.HandBuiltVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws bench vae-step}: times one VAE training step of the framework, built through the registry as
 * {@code alws train --learner vae --model mlp-decoder --optimizer adam} builds it (resolved run configuration, the
 * learner's session on a standard learner context, {@link LearnerSession#step}), against the same computation written
 * as a hand-built TensorFlow graph ({@link HandBuiltVae}), in the same process, on the same random binary batch.
 * The default guide is given the decoder's width and activation (one hidden layer of 400 ReLU units by default), and
 * the hand-built graph mirrors the resolved options: encoder, decoder, likelihood, Adam's settings.
 */
@Command(name = "vae-step", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Time one VAE training step of the framework against a hand-built TensorFlow graph.",
            "Framework: learner vae (K=1, analytic KL, default guide), model mlp-decoder, optimizer adam, resolved "
                    + "and run as 'alws train' does. Hand-built: the same objective and Adam as raw TensorFlow ops "
                    + "(MatMul, Relu, Softplus, StatelessRandomNormal, addGradients, ResourceApplyAdam) in one "
                    + "session with the same settings. Both step on the same random binary batch.",
            "Times are medians of the repeats after the warm-up steps, in milliseconds; the two are timed "
                    + "alternately."
        })
final class BenchVaeStepCommand implements Callable<Integer> {
    /** The CSV header. */
    static final List<String> CSV_HEADER = List.of("batch", "pixels", "latent", "hidden", "dtype", "likelihood",
            "framework_s", "handbuilt_s", "ratio");
    /** The kinds {@code --set} accepts. */
    static final List<String> SET_KINDS = List.of("model", "learner", "optimizer", "training");

    @ParentCommand
    private BenchCommand bench;

    @Spec
    private CommandSpec spec;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "100",
            description = "Examples per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "50",
            description = "Timed steps of each implementation (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "10",
            description = "Untimed steps of each implementation first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Root seed of the data, the parameters and the noise (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32", converter = DTypeConverter.class,
            completionCandidates = DTypeConverter.class,
            description = "Floating type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private DType dtype;

    @Option(names = "--likelihood", paramLabel = "NAME",
            description = "Pixel likelihood of the model: bernoulli or gaussian (default: bernoulli).")
    private String likelihood;

    @Option(names = "--set", paramLabel = "KIND.OPTION=VALUE",
            description = "Set a model, learner, optimizer or training option, e.g. --set model.pixels=64 "
                    + "--set model.hidden=32; repeatable.")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the timings (in seconds) to this CSV.")
    private Path csv;

    /**
     * The resolved options of the {@code mlp-decoder} model, read by name (the CLI does not link the provider).
     *
     * @param activation {@code relu} or {@code tanh}
     * @param likelihood {@code bernoulli} or {@code gaussian}
     */
    record Decoder(int latent, int hidden, int layers, String activation, int pixels, String likelihood,
            double initialLogSigma) {
        static Decoder of(Record options) {
            Map<String, Object> m = OptionsBinder.toMap(options);
            return new Decoder(((Number) m.get("latent")).intValue(), ((Number) m.get("hidden")).intValue(),
                    ((Number) m.get("layers")).intValue(), m.get("activation").toString(),
                    ((Number) m.get("pixels")).intValue(), m.get("likelihood").toString(),
                    ((Number) m.get("initialLogSigma")).doubleValue());
        }
    }

    /** The median step times and the last losses of both implementations. */
    record Timing(double framework, double handBuilt, double frameworkLoss, double handBuiltLoss) {
        double ratio() {
            return framework / handBuilt;
        }
    }

    @Override
    public Integer call() {
        Check.atLeast("--batch", batch, 1);
        Check.atLeast("--repeats", repeats, 1);
        Check.atLeast("--warmup", warmup, 0);
        PluginRegistry registry = bench.root().registry();
        ResolvedRun resolved = resolve(registry);
        Decoder model = Decoder.of(resolved.model().options());
        VaeOptions vae = (VaeOptions) resolved.learner().options();
        AdamOptions adam = (AdamOptions) resolved.optimizer().options();
        TrainingOptions training = resolved.config().training();
        checkMirrored(vae, adam, training);
        HandBuiltVae.Architecture arch = new HandBuiltVae.Architecture(model.pixels(), model.latent(),
                vae.guideHidden(), vae.guideLayers(), vae.guideActivation() == Activation.RELU, model.hidden(),
                model.layers(), model.activation().equals("relu"), model.likelihood().equals("gaussian"),
                model.initialLogSigma(), batch);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HostArray data = binaryBatch(batch, model.pixels(), SeedStream.root(seed).child("bench").child("data"));
        WorkspaceOptions wsOptions = WorkspaceOptions.defaults().withFloatType(dtype);
        Timing timing;
        String description;
        try (Workspace ws = resolved.backend().provider().open(wsOptions);
                HandBuiltVae hand = HandBuiltVae.open(arch,
                        new HandBuiltVae.Adam(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon()),
                        wsOptions, seed)) {
            description = ws.description();
            StandardLearnerContext context = context(registry, resolved, ws, model.pixels());
            Learner learner = Plugins.learner(registry, resolved.learner().name(),
                    OptionsBinder.toMap(resolved.learner().options()));
            learner.checkCompatible(context.structure());
            try (LearnerSession session = learner.start(context)) {
                timing = time(session, hand, data, SeedStream.root(seed).child("bench").child("noise").seed(0));
            }
        }
        err.println("bench vae-step: done");
        err.flush();

        out.println("VAE step: mlp-decoder (k=" + model.latent() + ", " + model.layers() + "x" + model.hidden() + " "
                + model.activation() + ", D=" + model.pixels() + ", " + model.likelihood()
                + "), default guide " + vae.guideLayers() + "x" + vae.guideHidden() + " "
                + label(vae.guideActivation()) + ", Adam(lr=" + Format.number(adam.learningRate()) + "), batch "
                + batch + ", " + dtype.label() + "; median of " + repeats + " after " + warmup + " warm-up steps; "
                + description);
        Table t = Table.withHeader("implementation", "ms/step", "loss at last step")
                .align(Table.Align.RIGHT, 1, 2);
        t.row("framework", Format.number(timing.framework() * 1e3, 4), Format.number(timing.frameworkLoss(), 5));
        t.row("hand-built", Format.number(timing.handBuilt() * 1e3, 4), Format.number(timing.handBuiltLoss(), 5));
        t.print(out, "");
        out.println("framework / hand-built: " + Format.number(timing.ratio(), 3) + " (target <= 1.2)");
        if (csv != null) {
            Csv.write(csv, CSV_HEADER, List.of(List.of(Integer.toString(batch), Integer.toString(model.pixels()),
                    Integer.toString(model.latent()), Integer.toString(model.hidden()), dtype.label(),
                    model.likelihood(), Double.toString(timing.framework()),
                    Double.toString(timing.handBuilt()), Double.toString(timing.ratio()))));
            out.println("CSV: " + csv.toAbsolutePath().normalize());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The run configuration {@code alws train --model mlp-decoder --learner vae --optimizer adam} would resolve, with
     * the default guide given the decoder's width, depth and activation unless {@code --set learner.guide*} says
     * otherwise.
     */
    ResolvedRun resolve(PluginRegistry registry) {
        Map<String, Map<String, Object>> set = Assignments.parse(sets, SET_KINDS);
        Map<String, Object> modelOptions = new LinkedHashMap<>(set.get("model"));
        if (likelihood != null) {
            modelOptions.put("likelihood", likelihood);
        }
        Map<String, Object> trainingOptions = new LinkedHashMap<>(set.get("training"));
        trainingOptions.put("batchSize", batch);
        RunConfig c = RunConfig.defaults().withSeed(seed).withDtype(dtype)
                .withModel(PluginChoice.of("mlp-decoder").withOptions(modelOptions))
                .withLearner(PluginChoice.of("vae"))
                .withOptimizer(PluginChoice.of("adam").withOptions(set.get("optimizer")));
        c = c.withTraining(OptionsBinder.bind("training", c.training(), trainingOptions));
        Decoder m = Decoder.of(ResolvedRun.resolve(registry, c).model().options());
        Map<String, Object> learnerOptions = new LinkedHashMap<>();
        learnerOptions.put("guideHidden", m.hidden());
        learnerOptions.put("guideLayers", Math.max(1, m.layers()));
        learnerOptions.put("guideActivation", m.activation());
        learnerOptions.putAll(set.get("learner"));
        return ResolvedRun.resolve(registry, c.withLearner(PluginChoice.of("vae").withOptions(learnerOptions)));
    }

    /** Refuses options the hand-built graph does not mirror. */
    private static void checkMirrored(VaeOptions vae, AdamOptions adam, TrainingOptions training) {
        if (vae.particles() != 1) {
            throw new ConfigException("learner.particles", vae.particles(), "1 (the hand-built graph draws one "
                    + "sample per point)");
        }
        if (!vae.analyticKl()) {
            throw new ConfigException("learner.analyticKl", false, "true (the hand-built graph uses the analytic KL)");
        }
        if (adam.weightDecay() != 0) {
            throw new ConfigException("optimizer.weightDecay", adam.weightDecay(), "0 (the hand-built graph has "
                    + "plain Adam)");
        }
        if (training.clipNorm() != 0) {
            throw new ConfigException("training.clipNorm", training.clipNorm(), "0 (the hand-built graph does not "
                    + "clip)");
        }
    }

    /** The learner context a training run builds (see {@code TrainingRun}), for data of {@code pixels} values. */
    private static StandardLearnerContext context(PluginRegistry registry, ResolvedRun resolved, Workspace ws,
            int pixels) {
        GenerativeModel model = resolved.createModel();
        Optimizer optimizer = Plugins.optimizer(registry, resolved.optimizer().name(),
                OptionsBinder.toMap(resolved.optimizer().options()));
        Kernel kernel = Plugins.kernel(registry, resolved.kernel().name(),
                OptionsBinder.toMap(resolved.kernel().options()));
        Regressor regressor = Plugins.regressor(registry, resolved.regressor().name(),
                OptionsBinder.toMap(resolved.regressor().options()), kernel);
        TrainingOptions training = resolved.config().training();
        return new StandardLearnerContext(ws, model, SeedStream.root(resolved.config().seed()), optimizer, regressor,
                Shape.of(pixels), training.batchSize(), 60_000, training.clipNorm());
    }

    /** Random binary pixels, [batch, pixels], in the benchmark's floating type. */
    private HostArray binaryBatch(int rows, int pixels, SeedStream seeds) {
        SplittableRandom r = seeds.random(0);
        double[] v = new double[rows * pixels];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextBoolean() ? 1 : 0;
        }
        return HostArray.of(Shape.of(rows, pixels), v).cast(dtype);
    }

    /** Warm-up, then alternate timed steps of the two implementations; medians in seconds. */
    private Timing time(LearnerSession session, HandBuiltVae hand, HostArray data, long noiseSeed) {
        long step = 0;
        double frameworkLoss = Double.NaN;
        double handLoss = Double.NaN;
        for (int i = 0; i < warmup; i++, step++) {
            frameworkLoss = check(session.step(data, step));
            handLoss = hand.step(data, noiseSeed, step);
        }
        double[] f = new double[repeats];
        double[] h = new double[repeats];
        for (int i = 0; i < repeats; i++, step++) {
            long t0 = System.nanoTime();
            StepResult r = session.step(data, step);
            long t1 = System.nanoTime();
            handLoss = hand.step(data, noiseSeed, step);
            long t2 = System.nanoTime();
            frameworkLoss = check(r);
            f[i] = (t1 - t0) / 1e9;
            h[i] = (t2 - t1) / 1e9;
        }
        return new Timing(median(f), median(h), frameworkLoss, handLoss);
    }

    private static double check(StepResult r) {
        if (!r.finite()) {
            throw new org.alws.api.NumericalException("bench vae-step: the framework's step gave loss " + r.loss()
                    + " and gradient norm " + r.gradientNorm());
        }
        return r.loss();
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
