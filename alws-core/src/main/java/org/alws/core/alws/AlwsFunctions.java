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
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
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
 *       to the hyper-parameters only, and their guarded update (design.md §2.5).</li>
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
            Map<String, Tensor> given = new LinkedHashMap<>();
            if (structure.conditional()) {
                HostArray rows = HostArray.ofLongs(Shape.of(count), java.util.stream.LongStream.range(0, count)
                        .map(j -> j % m).toArray());
                Tensor index = ops.constant(rows);
                for (Map.Entry<String, Tensor> e : structure.splitData(ops, in.get(1)).entrySet()) {
                    if (inputs.containsKey(e.getKey())) {
                        given.put(e.getKey(), ops.gather(e.getValue(), index, 0));
                    }
                }
            }
            TraceResult r = Traces.run(context.model(), ops, parameters, count, given, in.get(0));
            List<Tensor> out = new ArrayList<>();
            for (SiteInfo z : latents) {
                out.add(r.site(z.name()).value());
            }
            out.add(r.site(observed.name()).value());
            out.addAll(r.inputs().values());
            return out;
        });
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
            for (Map.Entry<String, Tensor> d : smoother.diagnostics().entrySet()) {
                names.add(d.getKey());
                out.add(d.getValue().cast(ops.floatType()));
            }
            return out;
        });
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

    private Surrogate surrogate(TensorOps ops, List<Tensor> in) {
        int k = sleepSpecs().size();
        Map<String, Tensor> given = given(in.subList(0, k));
        Tensor alpha = in.get(k);
        Tensor xWake = wakeObservation(ops, in.get(k + 1));
        Tensor c = in.get(k + 2);
        TraceResult r = Traces.score(context.model(), ops, parameters, given);
        Site obs = r.observed();
        // w = αᵀ c: the weight of each sleep sample in the surrogate.
        Tensor w = alpha.matmul(c.reshape(m, 1), true, false).reshape(n).stopGradient();
        Tensor objective;
        Tensor targets;
        if (exponentialFamily) {
            ExponentialFamily d = (ExponentialFamily) obs.distribution();
            Tensor eta = d.naturalParameters().flattenTrailing();
            Tensor logNormalizer = d.logNormalizer().sumTrailing();
            Tensor logPrior = r.logPrior();
            Tensor stats = d.sufficientStatistics(xWake.cast(d.dtype())).flattenTrailing().stopGradient();
            Tensor weighted = alpha.matmul(stats.mul(c.reshape(m, 1)), true, false).stopGradient();
            Tensor logBase = d.logBaseMeasure(xWake.cast(d.dtype())).sumTrailing().mul(c).sum().stopGradient();
            objective = weighted.mul(eta).sum().add(w.mul(logPrior.sub(logNormalizer)).sum()).add(logBase);
            targets = allFinite(ops, eta, logNormalizer, logPrior);
        } else {
            Tensor logJoint = r.logJoint();
            objective = w.mul(logJoint).sum();
            targets = allFinite(ops, logJoint);
        }
        return new Surrogate(objective, targets, r);
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
                    Tensor loss = heldOutLoss(ops, in, k);
                    Map<Variable, Tensor> grads = hyperGradients(ops, loss);
                    Tensor norm = ParameterUpdates.apply(ops, workspace, optimizer, grads, loss, 0,
                            HYPER_STEP_VARIABLE);
                    return List.of(loss, norm);
                });
    }

    /** heldOutLoss(the inputs of {@link #kernelStep}) -> the kernel step's loss, without any update. */
    CompiledFunction heldOutLoss(int validation) {
        int k = sleepSpecs().size();
        return workspace.compile(key + "/held-out-loss/" + n + "x" + validation, kernelSpecs(validation),
                (ops, in) -> List.of(heldOutLoss(ops, in, k)));
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
    private Tensor heldOutLoss(TensorOps ops, List<Tensor> in, int k) {
        java.util.Optional<Tensor> prepared = in.size() > 2 * k + 2 ? java.util.Optional.of(in.get(2 * k + 2))
                : java.util.Optional.empty();
        return heldOutLoss(ops, in.subList(0, k), in.subList(k, 2 * k),
                regressionContext(ops, in.get(2 * k), in.get(2 * k + 1), prepared));
    }

    /**
     * The mean squared error of the smoother fitted on {@code train} at predicting {@code held}'s log joints. The
     * predictions go through {@link LinearSmoother#predict}, which a regressor may compute without forming α.
     */
    Tensor heldOutLoss(TensorOps ops, List<Tensor> train, List<Tensor> held, RegressionContext regression) {
        int k = latents.size();
        long v = held.get(k).dim(0);
        LinearSmoother smoother = regressor.fit(sleepFeatures(ops, regressionInputs(train)), regression);
        Tensor xv = sleepFeatures(ops, regressionInputs(held));
        DType t = ops.floatType();
        TraceResult rs = Traces.score(context.model(), ops, parameters, given(train));
        TraceResult rv = Traces.score(context.model(), ops, parameters, given(held));
        Tensor prediction;
        Tensor truth;
        if (exponentialFamily) {
            ExponentialFamily ds = (ExponentialFamily) rs.observed().distribution();
            ExponentialFamily dv = (ExponentialFamily) rv.observed().distribution();
            Tensor eta = ds.naturalParameters().flattenTrailing().cast(t);
            long statistics = eta.dim(1);
            Tensor rest = ds.logNormalizer().sumTrailing().sub(rs.logPrior()).cast(t).reshape(eta.dim(0), 1);
            Tensor targets = ops.concat(1, List.of(eta, rest)).stopGradient();
            Tensor stats = dv.sufficientStatistics(held.get(k).cast(dv.dtype())).flattenTrailing().cast(t)
                    .stopGradient();
            Tensor etaV = dv.naturalParameters().flattenTrailing().cast(t);
            Tensor restV = dv.logNormalizer().sumTrailing().sub(rv.logPrior()).cast(t);
            truth = etaV.mul(stats).sum(1).sub(restV).stopGradient();
            // Columns: E[η | x_v] (one per statistic), then E[A − log p(z) | x_v].
            Tensor predicted = smoother.predict(xv, targets);
            Tensor etaHat = ops.slice(predicted, new long[] {0, 0}, new long[] {v, statistics});
            Tensor restHat = ops.slice(predicted, new long[] {0, statistics}, new long[] {v, 1}).reshape(v);
            prediction = etaHat.mul(stats).sum(1).sub(restHat);
        } else {
            Tensor logJoint = rs.logJoint().cast(t).stopGradient();
            truth = rv.logJoint().cast(t).stopGradient();
            prediction = smoother.predict(xv, logJoint.reshape(logJoint.dim(0), 1)).reshape(v);
        }
        return prediction.sub(truth).square().mean();
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
