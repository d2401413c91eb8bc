package org.alws.core.alws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.NumericalException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.dist.ExponentialFamily;
import org.alws.api.dist.Normal;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.learn.StepResult;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.regress.GaussianInputs;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.BinaryOp;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Reduction;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.api.tensor.Value;

/**
 * The compiled functions of ALWS for one (N sleep samples, M wake points) signature:
 * <ol>
 *   <li>{@code sleep(seed)}: N joint draws (z, x) from the model;</li>
 *   <li>{@code regress(x_sleep, x_wake, jitter, seed)}: the smoother matrix α(X*) [M, N] of the regressor fitted on
 *       the sleep x's, with a flag saying whether it is finite, and the smoother's diagnostics;</li>
 *   <li>{@code step(z, x_sleep, α, x_wake, c)}: the surrogate J = Σ_m c_m Ĵ(x*_m), one backward pass, and the guarded
 *       optimiser update; {@code gradient(...)}: the same without the update, returning the gradients;</li>
 *   <li>for a regressor with learned hyper-parameters, {@code kernelStep(z, x, z_v, x_v, jitter, seed)}: the held-out
 *       error of predicting the log joint of validation sleep samples, differentiated through the fit with respect
 *       to the hyper-parameters only, and their guarded update (design.md §2.5);</li>
 *   <li>{@code fusedStep(seed, x*, c, jitter, seed)}: the three (and a kernel update) in one function, from one
 *       detached pass of the model over N + V samples and one fit.</li>
 * </ol>
 * For a conditional model (one with {@linkplain org.alws.api.model.Trace#input inputs}) the wake points are data rows
 * [observation | inputs]; {@code sleep} then also takes them and draws sleep sample j at the inputs of point j mod M
 * (returning those inputs after x), so the sleep set comes from the conditional model at the data's inputs. With
 * one wake point the smoother regresses on x as usual; with several it regresses on [x, inputs] jointly, an estimate
 * of the conditional expectation given both.
 * In the exponential-family form Ĵ(x*) = Σ_n α_n(x*) (η(z_n)·S(x*) − A(z_n) + log p(z_n)) + log h(x*); in the
 * log-joint form Ĵ(x*) = Σ_n α_n(x*) log p(z_n, x_n). The weights α are inputs, hence constants of the backward
 * pass: the gradient is exact for the fitted smoother.
 */
final class AlwsFunctions {
    private final LearnerContext context;
    private final Workspace workspace;
    private final Parameters parameters;
    private final Regressor regressor;
    private final List<SiteInfo> latents;
    private final SiteInfo observed;
    private final ModelStructure structure;
    /** The model's inputs (empty for an unconditional model). */
    private final Map<String, Shape> inputs;
    /** Whether the smoother regresses on [x, inputs] (a conditional model with several wake points). */
    private final boolean jointFeatures;
    private final boolean exponentialFamily;
    private final int n;
    private final int m;
    private final String key;
    /** The owner of the regressor's hyper-parameters. */
    static final String HYPER_OWNER = "regressor";
    /** The step counter of the hyper-parameters' optimiser, separate from the model's. */
    static final String HYPER_STEP_VARIABLE = "opt/regressor/step";
    /** The seed offset of the fused step's own draws of the sleep observations, apart from every site's. */
    static final long FEATURE_DRAW_STREAM = 1L << 40;
    /** Diagnostic names of each compiled regression function (its body runs only on the first compilation). */
    private static final Map<CompiledFunction, List<String>> DIAGNOSTICS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    AlwsFunctions(LearnerContext context, Regressor regressor, boolean exponentialFamily, int n, int m) {
        this.context = context;
        this.workspace = context.workspace();
        this.parameters = context.modelParameters();
        this.regressor = regressor;
        ModelStructure s = context.structure();
        this.latents = s.latentSites();
        this.observed = s.observed();
        this.structure = s;
        this.inputs = s.inputs();
        this.jointFeatures = s.conditional() && m > 1;
        this.exponentialFamily = exponentialFamily;
        this.n = n;
        this.m = m;
        this.key = "alws/" + (exponentialFamily ? "expfam" : "logjoint");
    }

    int sleepSamples() {
        return n;
    }

    int wakePoints() {
        return m;
    }

    List<SiteInfo> latents() {
        return latents;
    }

    /** Names of the regression diagnostics that {@code regression} returns after α and the finite flag. */
    static List<String> diagnosticNames(CompiledFunction regression) {
        return DIAGNOSTICS.getOrDefault(regression, List.of());
    }

    private TensorSpec observedSpec(int batch) {
        return new TensorSpec(observed.eventShape().prepend(batch), observed.dtype());
    }

    /** The wake points: the observation, or for a conditional model data rows [observation | inputs]. */
    private TensorSpec dataSpec(int batch) {
        return structure.conditional()
                ? new TensorSpec(structure.dataShape().prepend(batch), workspace.floatType())
                : observedSpec(batch);
    }

    /** The sleep samples' x, from a list of latent values in site order, then x, then (conditional) inputs. */
    <T> T sleepX(List<T> samples) {
        return samples.get(latents.size());
    }

    /** What the regression takes of a sleep set: x and, for a conditional model, the inputs. */
    <T> List<T> regressionInputs(List<T> samples) {
        return samples.subList(latents.size(), samples.size());
    }

    /**
     * Runs a {@link #sleep()} function: {@code data} (the wake points) is passed to a conditional model's sleep and
     * ignored otherwise. The caller closes the samples.
     */
    List<DeviceArray> drawSleep(CompiledFunction sleep, HostArray seed, Value data) {
        return structure.conditional() ? sleep.call(seed, data) : sleep.call(seed);
    }

    private List<TensorSpec> sleepSpecs() {
        return sleepSpecs(n);
    }

    private List<TensorSpec> sleepSpecs(int count) {
        List<TensorSpec> specs = new ArrayList<>();
        for (SiteInfo z : latents) {
            specs.add(new TensorSpec(z.eventShape().prepend(count), z.dtype()));
        }
        specs.add(observedSpec(count));
        for (Shape input : inputs.values()) {
            specs.add(new TensorSpec(input.prepend(count), workspace.floatType()));
        }
        return specs;
    }

    /** sleep(seed[, data]) -> N latent values in site order, then x, then (conditional) the inputs. */
    CompiledFunction sleep() {
        return sleep(n);
    }

    /**
     * sleep(seed[, data [M, ...]]) -> {@code count} latent values in site order, then x; for a conditional model,
     * drawn at the inputs of the wake points (sample j at point j mod M), which follow x.
     */
    CompiledFunction sleep(int count) {
        List<TensorSpec> specs = new ArrayList<>(List.of(TensorSpec.of(DType.INT64, 2)));
        if (structure.conditional()) {
            specs.add(dataSpec(m));
        }
        return workspace.compile(key + "/sleep/" + count + "x" + m, specs, (ops, in) -> {
            Map<String, Tensor> given = structure.conditional() ? inputsAt(ops, in.get(1), count) : Map.of();
            return sleepValues(Traces.run(context.model(), ops, parameters, count, given, in.get(0)));
        });
    }

    /** A conditional model's inputs for {@code count} sleep samples: sample j at those of wake point j mod M. */
    private Map<String, Tensor> inputsAt(TensorOps ops, Tensor data, int count) {
        Map<String, Tensor> given = new LinkedHashMap<>();
        HostArray rows = HostArray.ofLongs(Shape.of(count), java.util.stream.LongStream.range(0, count)
                .map(j -> j % m).toArray());
        Tensor index = ops.constant(rows);
        for (Map.Entry<String, Tensor> e : structure.splitData(ops, data).entrySet()) {
            if (inputs.containsKey(e.getKey())) {
                given.put(e.getKey(), ops.gather(e.getValue(), index, 0));
            }
        }
        return given;
    }

    /** A sleep trace's latent values in site order, then x, then (conditional) the inputs. */
    private List<Tensor> sleepValues(TraceResult r) {
        List<Tensor> out = new ArrayList<>();
        for (SiteInfo z : latents) {
            out.add(r.site(z.name()).value());
        }
        out.add(r.site(observed.name()).value());
        out.addAll(r.inputs().values());
        return out;
    }

    /**
     * Whether {@link #fusedStep} can serve this regressor: it fits inside the compiled function, so it must not ask
     * for a host-side preparation.
     */
    boolean fuses() {
        return preparation().isEmpty();
    }

    /**
     * fusedStep(seed, x*, c, jitter, regressionSeed) -> loss, gradient norm, targets-finite flag, α-finite flag[,
     * held-out loss, hyper-parameter gradient norm], the smoother's diagnostics: a whole ALWS step in one function.
     * It draws N + V sleep samples in one pass of the model ({@link Traces#runDetached}, so that the same pass
     * gives the log joint's terms and their gradient), fits the smoother on the first N, takes the guarded model
     * update on the surrogate at the wake points (as {@link #step()}) and, when V &gt; 0, the guarded update of the
     * regressor's hyper-parameters on the held-out error at the last V (as {@link #kernelStep}), both from the
     * values before this step. The hyper-parameter update is applied only with a finite α, so that a retry with
     * more jitter does not apply it twice. Requires {@link #fuses()}; V &gt; 0 requires learned hyper-parameters
     * and {@code hyperOptimizer}.
     *
     * @param validation V, the validation samples of the kernel update, or 0 for none
     */
    CompiledFunction fusedStep(int validation, Optimizer hyperOptimizer) {
        if (!fuses()) {
            throw new IllegalStateException("regressor " + regressor + " prepares its fit on the host; it cannot be"
                    + " fused");
        }
        int total = n + validation;
        List<TensorSpec> specs = List.of(TensorSpec.of(DType.INT64, 2), dataSpec(m), TensorSpec.of(
                workspace.floatType(), m), new TensorSpec(Shape.scalar(), workspace.floatType()),
                TensorSpec.of(DType.INT64, 2));
        List<String> names = new ArrayList<>();
        CompiledFunction f = workspace.compile(key + "/fused-step/" + n + "x" + m + "+" + validation, specs,
                (ops, in) -> {
                    Tensor data = in.get(1);
                    Tensor c = in.get(2);
                    Map<String, Tensor> given = structure.conditional() ? inputsAt(ops, data, total) : Map.of();
                    TraceResult r = Traces.runDetached(context.model(), ops, parameters, total, given, in.get(0));
                    List<Tensor> all = sleepValues(r);
                    SampleTerms terms = terms(r);
                    SampleTerms trainTerms = terms.rows(ops, 0, n);
                    RegressionContext regression = regressionContext(ops, in.get(3), in.get(4),
                            java.util.Optional.empty());
                    java.util.Optional<GaussianInputs> undrawn = undrawnObservation(ops, r, in.get(0));
                    LinearSmoother smoother = undrawn.isPresent()
                            ? regressor.fit(rows(ops, undrawn.get(), 0, n, 0), regression)
                            : regressor.fit(sleepFeatures(ops, regressionInputs(rows(ops, all, 0, n))), regression);
                    Tensor alpha = smoother.weights(wakeFeatures(ops, data)).stopGradient();
                    Tensor alphaFinite = ops.reduce(Reduction.ALL, alpha.isFinite(), false);
                    Tensor objective = objective(ops, trainTerms, alpha, wakeObservation(ops, data), c);
                    Tensor loss = objective.add(r.factorTotal().div(context.datasetSize())).neg();
                    Map<Variable, Tensor> grads = gradients(ops, r, loss);
                    Tensor norm = ParameterUpdates.apply(ops, workspace, context.optimizer(), grads, loss,
                            context.clipNorm());
                    List<Tensor> out = new ArrayList<>(List.of(loss, norm, trainTerms.allFinite(ops), alphaFinite));
                    if (validation > 0) {
                        List<Tensor> heldValues = rows(ops, all, n, validation);
                        if (undrawn.isPresent()) {
                            heldValues.set(latents.size(), rows(ops, undrawn.get(), n, validation, 1).draw()
                                    .reshape(observed.eventShape().prepend(validation)).cast(observed.dtype()));
                        }
                        HeldOut held = heldOutLoss(ops, smoother, heldValues, trainTerms,
                                terms.rows(ops, n, validation), null);
                        Tensor heldLoss = held.loss();
                        // NaN unless α is finite: the guard then keeps the hyper-parameters for the retry.
                        Tensor guarded = ops.where(alphaFinite, heldLoss, ops.scalar(Double.NaN).cast(
                                heldLoss.dtype()));
                        Tensor hyperNorm = ParameterUpdates.apply(ops, workspace, hyperOptimizer,
                                hyperGradients(ops, held.surrogate()), guarded, 0, HYPER_STEP_VARIABLE);
                        out.add(heldLoss);
                        out.add(hyperNorm);
                    }
                    addDiagnostics(ops, smoother, out, names);
                    return out;
                });
        return withDiagnostics(f, names);
    }

    /**
     * The sleep samples' observations as a Gaussian draw not yet taken, when the fused step may let the regressor
     * draw its features instead of drawing x ({@link Regressor#fit(GaussianInputs, RegressionContext)}): in the
     * exponential-family form, whose regression targets do not involve the sleep samples' x, with features of x alone
     * and a {@link Normal} observation whose scale is the same for every sample. The model's own draw of x then goes
     * unused and the graph drops it. Empty otherwise.
     */
    private java.util.Optional<GaussianInputs> undrawnObservation(TensorOps ops, TraceResult r, Tensor seed) {
        if (!exponentialFamily || jointFeatures || !(r.observed().distribution() instanceof Normal normal)) {
            return java.util.Optional.empty();
        }
        Shape full = normal.shape();
        Shape given = normal.scaleAsGiven().shape();
        if (given.rank() == full.rank() && given.dim(0) != 1) {
            return java.util.Optional.empty();
        }
        Shape event = full.tail(1);
        Tensor scale = normal.scaleAsGiven().broadcastTo(event.prepend(1)).reshape(event.size())
                .cast(ops.floatType());
        return java.util.Optional.of(new GaussianInputs(normal.loc().flattenTrailing().cast(ops.floatType()), scale,
                ops.offsetSeed(seed, FEATURE_DRAW_STREAM)).stopGradient());
    }

    /** Rows {@code from} to {@code from + count} of an undrawn observation, drawn from its stream {@code stream}. */
    private static GaussianInputs rows(TensorOps ops, GaussianInputs inputs, long from, long count, long stream) {
        return new GaussianInputs(rows(ops, inputs.mean(), from, count), inputs.scale(),
                ops.offsetSeed(inputs.seed(), stream));
    }

    /**
     * The outcome of a fused step: the step's figures, whether the regression targets were finite (if not, no
     * update was applied), the kernel update's figures (null without one) and the jitter used.
     */
    record FusedStep(StepResult step, boolean targetsFinite, KernelStep kernel, double jitter) {
    }

    /**
     * Runs {@code fused} (from {@link #fusedStep}), retrying with ten times more jitter while α is not finite (the
     * guards then changed nothing).
     *
     * @throws NumericalException naming the regressor, N and the last jitter tried when every attempt fails
     */
    FusedStep runFusedStep(CompiledFunction fused, HostArray seed, Value data, HostArray weights,
            HostArray regressionSeed, boolean kernelUpdate, AlwsOptions options) {
        List<String> names = diagnosticNames(fused);
        int first = kernelUpdate ? 6 : 4;
        double jitter = 0;
        for (int attempt = 0; attempt <= options.jitterAttempts(); attempt++) {
            jitter = attempt == 0 ? 0 : attempt == 1 ? options.initialJitter() : jitter * 10;
            List<DeviceArray> out = fused.call(seed, data, weights, HostArray.scalar(jitter), regressionSeed);
            try {
                if (out.get(3).toHost().get(0) == 0) {
                    continue;
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    metrics.put(names.get(i), out.get(first + i).toHost().scalarValue());
                }
                KernelStep kernel = null;
                if (kernelUpdate) {
                    double loss = out.get(4).toHost().scalarValue();
                    double norm = out.get(5).toHost().scalarValue();
                    kernel = new KernelStep(loss, norm, jitter, Double.isFinite(loss) && Double.isFinite(norm));
                }
                StepResult step = new StepResult(out.get(0).toHost().scalarValue(), out.get(1).toHost()
                        .scalarValue(), metrics);
                return new FusedStep(step, out.get(2).toHost().get(0) != 0, kernel, jitter);
            } finally {
                out.forEach(DeviceArray::close);
            }
        }
        throw new NumericalException("regressor " + regressor + ": the smoother of " + n + " sleep samples is not"
                + " finite even with jitter " + jitter + " added to the ridge; the Gram matrix is not positive"
                + " definite or not finite (check the bandwidth, the ridge and the sleep samples)");
    }

    /** The regressor's host-side preparation input, if it asks for one. */
    private java.util.Optional<TensorSpec> preparation() {
        return regressor.preparation(n, jointFeatures ? structure.dataShape() : observed.eventShape());
    }

    /**
     * regress(x_sleep[, inputs_sleep...], x_wake, jitter, seed[, prepared]) -> α [M, N], all-finite flag,
     * diagnostics. The sleep inputs are present for a conditional model (see {@link #regressionInputs}), and x_wake
     * is then the data rows; the last input is present when the regressor asks for a host-side preparation.
     */
    CompiledFunction regress() {
        List<TensorSpec> specs = new ArrayList<>(regressionInputs(sleepSpecs(n)));
        int k = specs.size();
        specs.addAll(List.of(dataSpec(m), new TensorSpec(Shape.scalar(), workspace.floatType()),
                TensorSpec.of(DType.INT64, 2)));
        preparation().ifPresent(specs::add);
        List<String> names = new ArrayList<>();
        CompiledFunction f = workspace.compile(key + "/regress/" + n + "x" + m, specs, (ops, in) -> {
            Tensor xs = sleepFeatures(ops, in.subList(0, k));
            Tensor xw = wakeFeatures(ops, in.get(k));
            Tensor jitter = in.get(k + 1);
            Tensor seed = in.get(k + 2);
            java.util.Optional<Tensor> prepared = in.size() > k + 3 ? java.util.Optional.of(in.get(k + 3))
                    : java.util.Optional.empty();
            LinearSmoother smoother = regressor.fit(xs, regressionContext(ops, jitter, seed, prepared));
            Tensor alpha = smoother.weights(xw);
            Tensor finite = ops.reduce(Reduction.ALL, alpha.isFinite(), false);
            List<Tensor> out = new ArrayList<>(List.of(alpha, finite));
            addDiagnostics(ops, smoother, out, names);
            return out;
        });
        return withDiagnostics(f, names);
    }

    /** Appends the smoother's diagnostics to a function's outputs, recording their names while tracing. */
    private static void addDiagnostics(TensorOps ops, LinearSmoother smoother, List<Tensor> out, List<String> names) {
        for (Map.Entry<String, Tensor> d : smoother.diagnostics().entrySet()) {
            names.add(d.getKey());
            out.add(d.getValue().cast(ops.floatType()));
        }
    }

    /** {@code f}, with the diagnostic names its body recorded (see {@link #diagnosticNames}). */
    private static CompiledFunction withDiagnostics(CompiledFunction f, List<String> names) {
        if (!names.isEmpty()) {
            DIAGNOSTICS.put(f, List.copyOf(names));
        }
        return f;
    }

    /** The context of a fit in the function being traced; hyper-parameters live under {@code regressor/}. */
    private RegressionContext regressionContext(TensorOps ops, Tensor jitter, Tensor seed,
            java.util.Optional<Tensor> prepared) {
        Parameters hyper = hyperParameters();
        return RegressionContext.of(ops, jitter, seed, hyper, prepared);
    }

    /** The regressor's hyper-parameters (namespace {@code regressor/}). */
    Parameters hyperParameters() {
        return context.parameters(HYPER_OWNER);
    }

    /**
     * Whether the regressor has learned hyper-parameters: true when a traced fit (e.g. {@link #regress()}) created
     * variables among its hyper-parameters.
     */
    boolean learnsHyperParameters() {
        return !hyperParameters().variables().isEmpty();
    }

    /** The regression inputs: each example flattened to a vector of the workspace's floating type. */
    private static Tensor features(TensorOps ops, Tensor x) {
        Tensor flat = x.shape().rank() == 1 ? x.reshape(x.dim(0), 1) : x.flattenTrailing();
        return flat.cast(ops.floatType());
    }

    /** The regression inputs of sleep samples from x and (conditional) their inputs: x, or [x, inputs]. */
    private Tensor sleepFeatures(TensorOps ops, List<Tensor> regressionInputs) {
        if (!jointFeatures) {
            return features(ops, regressionInputs.get(0));
        }
        List<Tensor> parts = new ArrayList<>();
        for (Tensor t : regressionInputs) {
            parts.add(features(ops, t));
        }
        return ops.concat(1, parts);
    }

    /** The regression inputs of the wake points: x, or the data rows [x, inputs] themselves. */
    private Tensor wakeFeatures(TensorOps ops, Tensor data) {
        if (jointFeatures) {
            return features(ops, data);
        }
        return features(ops, structure.conditional() ? structure.splitData(ops, data).get(observed.name()) : data);
    }

    /** The wake points' observation: the data, or the observation part of a conditional model's data rows. */
    private Tensor wakeObservation(TensorOps ops, Tensor data) {
        return structure.conditional() ? structure.splitData(ops, data).get(observed.name()) : data;
    }

    private List<TensorSpec> surrogateSpecs() {
        List<TensorSpec> specs = new ArrayList<>(sleepSpecs());
        specs.add(TensorSpec.of(workspace.floatType(), m, n));
        specs.add(dataSpec(m));
        specs.add(TensorSpec.of(workspace.floatType(), m));
        return specs;
    }

    /** The fitted smoother's weights at the wake points, the jitter it needed and its diagnostics. */
    record Regression(DeviceArray alpha, double jitter, Map<String, Double> diagnostics) {
    }

    /**
     * Runs {@code regression} (from {@link #regress()}), retrying with ten times more jitter each time α is not
     * finite. The caller closes the returned α.
     *
     * @throws NumericalException naming the regressor, N and the last jitter tried when every attempt fails
     */
    Regression fit(CompiledFunction regression, List<DeviceArray> sleep, Value wakeX, HostArray seed,
            AlwsOptions options) {
        List<DeviceArray> sleepInputs = regressionInputs(sleep);
        HostArray prepared = preparation().isPresent() ? prepare(sleepInputs, seed) : null;
        double jitter = 0;
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        List<String> names = diagnosticNames(regression);
        for (int attempt = 0; attempt <= options.jitterAttempts(); attempt++) {
            jitter = attempt == 0 ? 0 : attempt == 1 ? options.initialJitter() : jitter * 10;
            List<Value> args = new ArrayList<>(sleepInputs);
            args.addAll(List.of(wakeX, HostArray.scalar(jitter), seed));
            if (prepared != null) {
                args.add(prepared);
            }
            List<DeviceArray> out = regression.call(args);
            boolean finite = out.get(1).toHost().get(0) != 0;
            diagnostics.clear();
            for (int i = 0; i < names.size(); i++) {
                diagnostics.put(names.get(i), out.get(2 + i).toHost().scalarValue());
            }
            for (int i = 1; i < out.size(); i++) {
                out.get(i).close();
            }
            if (finite) {
                return new Regression(out.get(0), jitter, Map.copyOf(diagnostics));
            }
            out.get(0).close();
        }
        throw new NumericalException("regressor " + regressor + ": the smoother of " + n + " sleep samples is not"
                + " finite even with jitter " + jitter + " added to the ridge" + (diagnostics.isEmpty() ? "" : " "
                + diagnostics) + "; the Gram matrix is not positive definite or not finite (check the bandwidth,"
                + " the ridge and the sleep samples)");
    }

    /**
     * The regressor's host-side preparation from the sleep samples' regression inputs (x, then any inputs), their
     * features flattened to [N, D] in the floating type.
     */
    private HostArray prepare(List<DeviceArray> regressionInputs, HostArray seed) {
        List<DeviceArray> parts = jointFeatures ? regressionInputs : regressionInputs.subList(0, 1);
        List<double[]> columns = new ArrayList<>();
        int width = 0;
        for (DeviceArray part : parts) {
            HostArray h = part.toHost();
            int w = Math.toIntExact(h.shape().rank() == 1 ? 1 : h.shape().tail(1).size());
            columns.add(h.doubles());
            width += w;
        }
        double[] flat = new double[n * width];
        int offset = 0;
        for (double[] c : columns) {
            int w = c.length / n;
            for (int i = 0; i < n; i++) {
                System.arraycopy(c, i * w, flat, i * width + offset, w);
            }
            offset += w;
        }
        HostArray features = HostArray.of(Shape.of(n, width), workspace.floatType(), flat);
        return regressor.prepare(features, new java.util.SplittableRandom(seed.longs()[0] ^ seed.longs()[1]));
    }

    /** The traced surrogate and what the backward pass needs. */
    private record Surrogate(Tensor objective, Tensor targetsFinite, TraceResult trace) {
    }

    /**
     * What the smoother is fitted to, per sleep sample: in the exponential-family form the observed site's
     * distribution, η one statistic at a time ([B, D] each, or [1, D] for a part that is the same in every sample)
     * and A − log p(z) [B]; in the log-joint form log p(z, x) [B] (the others null).
     */
    private record SampleTerms(ExponentialFamily family, List<Tensor> etaParts, Tensor rest, Tensor logJoint) {
        /** Samples {@code from} to {@code from + count}. */
        SampleTerms rows(TensorOps ops, long from, long count) {
            if (family == null) {
                return new SampleTerms(null, null, null, AlwsFunctions.rows(ops, logJoint, from, count));
            }
            List<Tensor> parts = new ArrayList<>();
            for (Tensor p : etaParts) {
                parts.add(shared(p) ? p : AlwsFunctions.rows(ops, p, from, count));
            }
            return new SampleTerms(family, parts, AlwsFunctions.rows(ops, rest, from, count), null);
        }

        /** Whether a part of η is one row shared by every sample. */
        boolean shared(Tensor part) {
            return part.dim(0) != rest.dim(0);
        }

        /** η as one [B, S] matrix in the layout of {@link #statisticMajor}. */
        Tensor eta() {
            List<Tensor> full = new ArrayList<>();
            for (Tensor p : etaParts) {
                full.add(shared(p) ? p.broadcastTo(Shape.of(rest.dim(0), p.dim(1))) : p);
            }
            return statisticMajor(full);
        }

        /** Whether every term is finite, a bool scalar. */
        Tensor allFinite(TensorOps ops) {
            if (family == null) {
                return AlwsFunctions.allFinite(ops, logJoint);
            }
            List<Tensor> all = new ArrayList<>(etaParts);
            all.add(rest);
            return AlwsFunctions.allFinite(ops, all.toArray(Tensor[]::new));
        }
    }

    private SampleTerms terms(TraceResult r) {
        if (!exponentialFamily) {
            return new SampleTerms(null, null, null, r.logJoint());
        }
        ExponentialFamily d = (ExponentialFamily) r.observed().distribution();
        List<Tensor> parts = new ArrayList<>();
        for (Tensor p : d.naturalParameterParts()) {
            parts.add(asMatrix(p, d.shape()));
        }
        return new SampleTerms(d, parts,
                d.logNormalizer().sumTrailing().sub(r.logPrior()), null);
    }

    /**
     * Per-statistic tensors [B, ...] as one [B, k · D] matrix, statistic by statistic: the layout of η and S(x)
     * throughout (only their products matter), one block copy where the stacked form interleaves element by element.
     */
    private static Tensor statisticMajor(List<Tensor> parts) {
        List<Tensor> flat = flattened(parts);
        return flat.size() == 1 ? flat.get(0) : flat.get(0).ops().concat(1, flat);
    }

    /**
     * A part of η that broadcasts to {@code shape} [B, ...] as a matrix: [B, D], or [1, D] where the part is the
     * same for every sample (it has no batch axis, or a batch axis of 1 where B is larger).
     */
    private static Tensor asMatrix(Tensor part, Shape shape) {
        Shape event = shape.tail(1);
        Shape given = part.shape();
        if (given.rank() < shape.rank() || (given.dim(0) == 1 && shape.dim(0) > 1)) {
            return part.broadcastTo(event.prepend(1)).reshape(1, event.size());
        }
        return (given.equals(shape) ? part : part.broadcastTo(shape)).flattenTrailing();
    }

    /** Each tensor [B, ...] as a matrix [B, D]. */
    private static List<Tensor> flattened(List<Tensor> parts) {
        List<Tensor> flat = new ArrayList<>(parts.size());
        for (Tensor p : parts) {
            flat.add(p.flattenTrailing());
        }
        return flat;
    }

    /** Rows {@code from} to {@code from + count} of each tensor. */
    private static List<Tensor> rows(TensorOps ops, List<Tensor> ts, long from, long count) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(rows(ops, t, from, count));
        }
        return out;
    }

    /** Rows {@code from} to {@code from + count} of {@code t} along its first axis. */
    private static Tensor rows(TensorOps ops, Tensor t, long from, long count) {
        Shape shape = t.shape();
        long[] begin = new long[shape.rank()];
        long[] size = new long[shape.rank()];
        begin[0] = from;
        size[0] = count;
        for (int i = 1; i < size.length; i++) {
            size[i] = shape.dim(i);
        }
        return ops.slice(t, begin, size);
    }

    private Surrogate surrogate(TensorOps ops, List<Tensor> in) {
        int k = sleepSpecs().size();
        Map<String, Tensor> given = given(in.subList(0, k));
        TraceResult r = Traces.score(context.model(), ops, parameters, given);
        SampleTerms t = terms(r);
        Tensor objective = objective(ops, t, in.get(k), wakeObservation(ops, in.get(k + 1)), in.get(k + 2));
        return new Surrogate(objective, t.allFinite(ops), r);
    }

    /** J = Σ_m c_m Ĵ(x*_m) for the N samples' terms {@code t} and the smoother's weights α [M, N] (constants). */
    private Tensor objective(TensorOps ops, SampleTerms t, Tensor alpha, Tensor xWake, Tensor c) {
        // w = αᵀ c: the weight of each sleep sample in the surrogate.
        Tensor w = alpha.matmul(c.reshape(m, 1), true, false).reshape(n).stopGradient();
        if (!exponentialFamily) {
            return w.mul(t.logJoint()).sum();
        }
        ExponentialFamily d = t.family();
        // Σ_n η_n · Σ_m α_mn c_m S(x*_m): the parts of η particular to each sample in one product, and a part shared
        // by every sample with the sum over n of the weighted statistics, Σ_m (Σ_n α_mn) c_m S(x*_m).
        List<Tensor> stats = flattened(d.sufficientStatisticParts(xWake.cast(d.dtype())));
        Tensor weightedEta = null;
        List<Tensor> ownStats = new ArrayList<>();
        List<Tensor> ownEta = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            Tensor eta = t.etaParts().get(i);
            if (t.shared(eta)) {
                Tensor term = alpha.sum(1).mul(c).reshape(1, m).matmul(stats.get(i)).stopGradient().mul(eta).sum();
                weightedEta = weightedEta == null ? term : weightedEta.add(term);
            } else {
                ownStats.add(stats.get(i).stopGradient());
                ownEta.add(eta);
            }
        }
        if (!ownEta.isEmpty()) {
            Tensor weighted = alpha.matmul(statisticMajor(ownStats).mul(c.reshape(m, 1)), true, false).stopGradient();
            Tensor term = weighted.mul(statisticMajor(ownEta)).sum();
            weightedEta = weightedEta == null ? term : term.add(weightedEta);
        }
        Tensor logBase = d.logBaseMeasure(xWake.cast(d.dtype())).sumTrailing().mul(c).sum().stopGradient();
        return weightedEta.sub(w.mul(t.rest()).sum()).add(logBase);
    }

    private static Tensor allFinite(TensorOps ops, Tensor... ts) {
        Tensor ok = null;
        for (Tensor t : ts) {
            Tensor f = ops.reduce(Reduction.ALL, t.isFinite(), false);
            ok = ok == null ? f : ops.binary(BinaryOp.AND, ok, f);
        }
        return ok;
    }

    /** step(z..., x[, inputs...], α, x*, c) -> loss = -(J + factors / dataset size), gradient norm, targets-finite flag. */
    CompiledFunction step() {
        return workspace.compile(key + "/step/" + n + "x" + m, surrogateSpecs(), (ops, in) -> {
            Surrogate s = surrogate(ops, in);
            Tensor loss = s.objective().add(s.trace().factorTotal().div(context.datasetSize())).neg();
            Map<Variable, Tensor> grads = gradients(ops, s.trace(), loss);
            Tensor norm = ParameterUpdates.apply(ops, workspace, context.optimizer(), grads, loss, context.clipNorm());
            return List.of(loss, norm, s.targetsFinite());
        });
    }

    /** gradient(z..., x, α, x*, c) -> ∇θ J for every model parameter, in {@link Parameters#variables()} order. */
    CompiledFunction gradient() {
        return workspace.compile(key + "/gradient/" + n + "x" + m, surrogateSpecs(), (ops, in) -> {
            Surrogate s = surrogate(ops, in);
            return new ArrayList<>(gradients(ops, s.trace(), s.objective()).values());
        });
    }

    /**
     * kernelStep(z..., x (N training sleep samples), z..., x (V validation sleep samples), jitter, seed[, prepared])
     * -> held-out loss, gradient norm: fits the smoother on the training x's, predicts the log joint (without log
     * h(x)) at the validation x's, and takes one guarded {@code optimizer} update of the regressor's
     * hyper-parameters on the mean squared error against the validation samples' own log joint. In the
     * exponential-family form the prediction is (α(x_v) η_s)·S(x_v) − α(x_v)(A − log p(z))_s and the truth
     * η_v·S(x_v) − (A_v − log p(z_v)); in the log-joint form α(x_v) log p(z_s, x_s) and log p(z_v, x_v). Targets
     * and truths are constants (no gradient reaches the model) and only the hyper-parameters change, counting
     * their updates in {@value #HYPER_STEP_VARIABLE}. Call after {@link #regress()} has been traced and
     * {@link #learnsHyperParameters()} holds.
     *
     * @param validation V, the number of validation samples
     */
    CompiledFunction kernelStep(int validation, Optimizer optimizer) {
        int k = sleepSpecs().size();
        return workspace.compile(key + "/kernel-step/" + n + "x" + validation, kernelSpecs(validation),
                (ops, in) -> {
                    HeldOut held = heldOutLoss(ops, in, k, null);
                    Tensor loss = held.loss();
                    Map<Variable, Tensor> grads = hyperGradients(ops, held.surrogate());
                    Tensor norm = ParameterUpdates.apply(ops, workspace, optimizer, grads, loss, 0,
                            HYPER_STEP_VARIABLE);
                    return List.of(loss, norm);
                });
    }

    /** heldOutLoss(the inputs of {@link #kernelStep}) -> the kernel step's loss, without any update. */
    CompiledFunction heldOutLoss(int validation) {
        return heldOutLoss(validation, null);
    }

    /**
     * As {@link #heldOutLoss(int)}, with the exponential-family prediction computed through the weights at the
     * validation points ({@code throughWeights} true) or the smoother's {@code predict} (false); null chooses.
     */
    CompiledFunction heldOutLoss(int validation, Boolean throughWeights) {
        int k = sleepSpecs().size();
        return workspace.compile(key + "/held-out-loss/" + n + "x" + validation + "/" + throughWeights,
                kernelSpecs(validation), (ops, in) -> List.of(heldOutLoss(ops, in, k, throughWeights).loss()));
    }

    private List<TensorSpec> kernelSpecs(int validation) {
        List<TensorSpec> specs = new ArrayList<>(sleepSpecs(n));
        specs.addAll(sleepSpecs(validation));
        specs.add(new TensorSpec(Shape.scalar(), workspace.floatType()));
        specs.add(TensorSpec.of(DType.INT64, 2));
        preparation().ifPresent(specs::add);
        return specs;
    }

    /** The held-out loss from the kernel-step inputs: k training tensors, k validation tensors, jitter, seed[, p]. */
    private HeldOut heldOutLoss(TensorOps ops, List<Tensor> in, int k, Boolean throughWeights) {
        java.util.Optional<Tensor> prepared = in.size() > 2 * k + 2 ? java.util.Optional.of(in.get(2 * k + 2))
                : java.util.Optional.empty();
        return heldOutLoss(ops, in.subList(0, k), in.subList(k, 2 * k),
                regressionContext(ops, in.get(2 * k), in.get(2 * k + 1), prepared), throughWeights);
    }

    /**
     * The held-out loss, the mean squared error of a smoother at predicting validation samples' log joints, and a
     * scalar with its gradient with respect to the regressor's hyper-parameters (the loss itself, or the smoother's
     * {@link LinearSmoother#weightsAdjoint} where the loss goes through α).
     */
    private record HeldOut(Tensor loss, Tensor surrogate) {
    }

    /**
     * The held-out loss of the smoother fitted on {@code train} at predicting {@code held}'s log joints. The
     * predictions go through {@link LinearSmoother#predict}, which a regressor may compute without forming α, or,
     * in the exponential-family form with more natural parameters than validation points (images), through α at
     * the validation points: the smaller system, as with the primal and dual forms of random features.
     */
    private HeldOut heldOutLoss(TensorOps ops, List<Tensor> train, List<Tensor> held, RegressionContext regression,
            Boolean throughWeights) {
        LinearSmoother smoother = regressor.fit(sleepFeatures(ops, regressionInputs(train)), regression);
        SampleTerms rs = terms(Traces.score(context.model(), ops, parameters, given(train)));
        SampleTerms rv = terms(Traces.score(context.model(), ops, parameters, given(held)));
        return heldOutLoss(ops, smoother, held, rs, rv, throughWeights);
    }

    /** The held-out loss of a fitted smoother with the training and validation samples' terms. */
    private HeldOut heldOutLoss(TensorOps ops, LinearSmoother smoother, List<Tensor> held, SampleTerms train,
            SampleTerms validation, Boolean throughWeights) {
        Tensor x = sleepX(held);
        long v = x.dim(0);
        Tensor xv = sleepFeatures(ops, regressionInputs(held));
        DType t = ops.floatType();
        Tensor prediction;
        Tensor truth;
        if (exponentialFamily) {
            ExponentialFamily dv = validation.family();
            List<Tensor> stats = flattened(dv.sufficientStatisticParts(x.cast(dv.dtype())));
            // S(x_v) · η_v and S(x_v) · η_n: the parts particular to each sample side by side, the shared ones broadcast.
            List<Tensor> ownStats = new ArrayList<>();
            List<Tensor> ownTrain = new ArrayList<>();
            List<Tensor> ownValidation = new ArrayList<>();
            Tensor truthEta = null;
            Tensor products = null;
            long statistics = 0;
            for (int i = 0; i < stats.size(); i++) {
                Tensor part = train.etaParts().get(i);
                statistics += stats.get(i).dim(1);
                if (!train.shared(part)) {
                    ownStats.add(stats.get(i));
                    ownTrain.add(part);
                    ownValidation.add(validation.etaParts().get(i));
                    continue;
                }
                // A shared part is the same row for the validation samples and the training ones: one product [V, 1].
                Tensor cross = stats.get(i).cast(t).stopGradient().matmul(part.cast(t).stopGradient(), false, true);
                truthEta = truthEta == null ? cross.reshape(v) : truthEta.add(cross.reshape(v));
                products = products == null ? cross : products.add(cross);
            }
            if (!ownStats.isEmpty()) {
                Tensor st = statisticMajor(ownStats).cast(t).stopGradient();
                Tensor own = statisticMajor(ownValidation).cast(t).mul(st).sum(1);
                Tensor cross = st.matmul(statisticMajor(ownTrain).cast(t).stopGradient(), false, true);
                truthEta = truthEta == null ? own : own.add(truthEta);
                products = products == null ? cross : cross.add(products);
            }
            truth = truthEta.sub(validation.rest().cast(t)).stopGradient();
            Tensor rest = train.rest().cast(t).reshape(train.rest().dim(0), 1).stopGradient();
            if (throughWeights != null ? throughWeights : statistics + 1 > v) {
                // Fewer validation points than target columns: Σ_n α_vn (η_n·S(x_v) − rest_n), through the weights
                // at the V points rather than a prediction of every natural parameter.
                Tensor alpha = smoother.weights(xv);
                prediction = alpha.mul(products).sum(1).sub(alpha.matmul(rest).reshape(v));
                Tensor loss = prediction.sub(truth).square().mean();
                Tensor cotangent = ops.gradients(loss, List.of(alpha)).get(0);
                return new HeldOut(loss, smoother.weightsAdjoint(xv, alpha, cotangent));
            } else {
                // Columns: E[η | x_v] (one per statistic), then E[A − log p(z) | x_v].
                Tensor eta = train.eta().cast(t).stopGradient();
                Tensor predicted = smoother.predict(xv, ops.concat(1, List.of(eta, rest)));
                Tensor etaHat = ops.slice(predicted, new long[] {0, 0}, new long[] {v, statistics});
                Tensor restHat = ops.slice(predicted, new long[] {0, statistics}, new long[] {v, 1}).reshape(v);
                prediction = etaHat.mul(statisticMajor(stats).cast(t).stopGradient()).sum(1).sub(restHat);
            }
        } else {
            Tensor logJoint = train.logJoint().cast(t).stopGradient();
            truth = validation.logJoint().cast(t).stopGradient();
            prediction = smoother.predict(xv, logJoint.reshape(logJoint.dim(0), 1)).reshape(v);
        }
        Tensor loss = prediction.sub(truth).square().mean();
        return new HeldOut(loss, loss);
    }

    /** The values of the sites and inputs by name, from latent values in site order, x, then the inputs. */
    private Map<String, Tensor> given(List<Tensor> values) {
        Map<String, Tensor> given = new LinkedHashMap<>();
        for (int i = 0; i < latents.size(); i++) {
            given.put(latents.get(i).name(), values.get(i));
        }
        given.put(observed.name(), values.get(latents.size()));
        int i = latents.size() + 1;
        for (String input : inputs.keySet()) {
            given.put(input, values.get(i++));
        }
        return given;
    }

    /** The gradient of {@code y} with respect to every hyper-parameter of the regressor, in creation order. */
    Map<Variable, Tensor> hyperGradients(TensorOps ops, Tensor y) {
        List<Variable> order = new ArrayList<>(hyperParameters().variables().values());
        List<Tensor> xs = new ArrayList<>();
        for (Variable v : order) {
            xs.add(ops.read(v));
        }
        List<Tensor> gs = ops.gradients(y, xs);
        Map<Variable, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), gs.get(i));
        }
        return out;
    }

    /**
     * The outcome of a kernel step: the held-out loss before the update, the gradient norm, the jitter used, and
     * whether the update was applied (false when no jitter gave a finite loss and gradient).
     */
    record KernelStep(double loss, double gradientNorm, double jitter, boolean applied) {
    }

    /**
     * Runs {@code kernelStep} (from {@link #kernelStep}) on training and validation sleep samples, retrying with
     * ten times more jitter each time the loss or the gradient is not finite (the guarded update then changed
     * nothing). If every attempt fails the hyper-parameters keep their values and the result says so.
     */
    KernelStep runKernelStep(CompiledFunction kernelStep, List<DeviceArray> train, List<DeviceArray> held,
            HostArray seed, AlwsOptions options) {
        HostArray prepared = preparation().isPresent() ? prepare(regressionInputs(train), seed) : null;
        double jitter = 0;
        double loss = Double.NaN;
        double norm = Double.NaN;
        for (int attempt = 0; attempt <= options.jitterAttempts(); attempt++) {
            jitter = attempt == 0 ? 0 : attempt == 1 ? options.initialJitter() : jitter * 10;
            List<Value> args = new ArrayList<>(train);
            args.addAll(held);
            args.add(HostArray.scalar(jitter));
            args.add(seed);
            if (prepared != null) {
                args.add(prepared);
            }
            List<DeviceArray> out = kernelStep.call(args);
            loss = out.get(0).toHost().scalarValue();
            norm = out.get(1).toHost().scalarValue();
            out.forEach(DeviceArray::close);
            if (Double.isFinite(loss) && Double.isFinite(norm)) {
                return new KernelStep(loss, norm, jitter, true);
            }
        }
        return new KernelStep(loss, norm, jitter, false);
    }

    private Map<Variable, Tensor> gradients(TensorOps ops, TraceResult r, Tensor y) {
        Map<String, Variable> vars = parameters.variables();
        List<Tensor> xs = new ArrayList<>();
        List<Variable> order = new ArrayList<>();
        for (Map.Entry<String, Variable> e : vars.entrySet()) {
            Tensor read = r.parameters().get(e.getKey());
            xs.add(read != null ? read : ops.read(e.getValue()));
            order.add(e.getValue());
        }
        if (xs.isEmpty()) {
            throw new IncompatibleModelException("the model has no parameters to learn");
        }
        List<Tensor> gs = ops.gradients(y, xs);
        Map<Variable, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), gs.get(i));
        }
        return out;
    }
}
