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
 *       optimiser update; {@code gradient(...)}: the same without the update, returning the gradients.</li>
 * </ol>
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
    private final boolean exponentialFamily;
    private final int n;
    private final int m;
    private final String key;
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

    private List<TensorSpec> sleepSpecs() {
        List<TensorSpec> specs = new ArrayList<>();
        for (SiteInfo z : latents) {
            specs.add(new TensorSpec(z.eventShape().prepend(n), z.dtype()));
        }
        specs.add(observedSpec(n));
        return specs;
    }

    /** sleep(seed) -> latent values in site order, then x. */
    CompiledFunction sleep() {
        return workspace.compile(key + "/sleep/" + n, List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
            TraceResult r = Traces.sample(context.model(), ops, parameters, n, in.get(0));
            List<Tensor> out = new ArrayList<>();
            for (SiteInfo z : latents) {
                out.add(r.site(z.name()).value());
            }
            out.add(r.site(observed.name()).value());
            return out;
        });
    }

    /** The regressor's host-side preparation input, if it asks for one. */
    private java.util.Optional<TensorSpec> preparation() {
        return regressor.preparation(n, observed.eventShape());
    }

    /**
     * regress(x_sleep, x_wake, jitter, seed[, prepared]) -> α [M, N], all-finite flag, diagnostics. The last input
     * is present when the regressor asks for a host-side preparation.
     */
    CompiledFunction regress() {
        List<TensorSpec> specs = new ArrayList<>(List.of(observedSpec(n), observedSpec(m),
                new TensorSpec(Shape.scalar(), workspace.floatType()), TensorSpec.of(DType.INT64, 2)));
        preparation().ifPresent(specs::add);
        List<String> names = new ArrayList<>();
        CompiledFunction f = workspace.compile(key + "/regress/" + n + "x" + m, specs, (ops, in) -> {
            Tensor xs = features(ops, in.get(0));
            Tensor xw = features(ops, in.get(1));
            Tensor jitter = in.get(2);
            Tensor seed = in.get(3);
            java.util.Optional<Tensor> prepared = in.size() > 4 ? java.util.Optional.of(in.get(4))
                    : java.util.Optional.empty();
            Parameters hyper = context.parameters("regressor");
            LinearSmoother smoother = regressor.fit(xs, new RegressionContext() {
                @Override
                public TensorOps ops() {
                    return ops;
                }

                @Override
                public Tensor jitter() {
                    return jitter;
                }

                @Override
                public Tensor seed() {
                    return seed;
                }

                @Override
                public Parameters hyperParameters() {
                    return hyper;
                }

                @Override
                public java.util.Optional<Tensor> prepared() {
                    return prepared;
                }
            });
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

    /** The regression inputs: each example flattened to a vector of the workspace's floating type. */
    private static Tensor features(TensorOps ops, Tensor x) {
        Tensor flat = x.shape().rank() == 1 ? x.reshape(x.dim(0), 1) : x.flattenTrailing();
        return flat.cast(ops.floatType());
    }

    private List<TensorSpec> surrogateSpecs() {
        List<TensorSpec> specs = new ArrayList<>(sleepSpecs());
        specs.add(TensorSpec.of(workspace.floatType(), m, n));
        specs.add(observedSpec(m));
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
    Regression fit(CompiledFunction regression, DeviceArray sleepX, Value wakeX, HostArray seed,
            AlwsOptions options) {
        HostArray prepared = preparation().isPresent() ? prepare(sleepX, seed) : null;
        double jitter = 0;
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        List<String> names = diagnosticNames(regression);
        for (int attempt = 0; attempt <= options.jitterAttempts(); attempt++) {
            jitter = attempt == 0 ? 0 : attempt == 1 ? options.initialJitter() : jitter * 10;
            List<Value> args = new ArrayList<>(List.of(sleepX, wakeX, HostArray.scalar(jitter), seed));
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

    /** The regressor's host-side preparation from the sleep inputs, flattened to [N, D] in the floating type. */
    private HostArray prepare(DeviceArray sleepX, HostArray seed) {
        HostArray x = sleepX.toHost();
        long width = x.shape().rank() == 1 ? 1 : x.shape().tail(1).size();
        HostArray flat = x.reshape(Shape.of(n, width)).cast(workspace.floatType());
        return regressor.prepare(flat, new java.util.SplittableRandom(seed.longs()[0] ^ seed.longs()[1]));
    }

    /** The traced surrogate and what the backward pass needs. */
    private record Surrogate(Tensor objective, Tensor targetsFinite, TraceResult trace) {
    }

    private Surrogate surrogate(TensorOps ops, List<Tensor> in) {
        Map<String, Tensor> given = new LinkedHashMap<>();
        for (int i = 0; i < latents.size(); i++) {
            given.put(latents.get(i).name(), in.get(i));
        }
        int k = latents.size();
        given.put(observed.name(), in.get(k));
        Tensor alpha = in.get(k + 1);
        Tensor xWake = in.get(k + 2);
        Tensor c = in.get(k + 3);
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

    /** step(z..., x, α, x*, c) -> loss = -(J + factors / dataset size), gradient norm, targets-finite flag. */
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
