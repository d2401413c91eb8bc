package org.alws.core.alws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.DataException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.Variable;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.SiteInfo;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Value;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;

/**
 * Amortised learning by wake-sleep (Wenliang et al., ICML 2020). It needs only ancestral sampling from the model
 * and the gradient of its log joint, so it trains models with discrete, circular or structured latents alike.
 */
public final class AlwsLearner implements Learner, ScoreEstimator {
    private final AlwsOptions options;

    public AlwsLearner(AlwsOptions options) {
        this.options = options;
    }

    public AlwsOptions options() {
        return options;
    }

    /** True: the estimate is a linear smoother fitted by the context's regressor. */
    @Override
    public boolean usesRegressor() {
        return true;
    }

    @Override
    public void checkCompatible(ModelStructure structure) {
        SiteInfo observed = structure.observed();
        if (options.objective() == Objective.EXPONENTIAL_FAMILY && !observed.exponentialFamily()) {
            throw new IncompatibleModelException("learner alws: objective exponential-family needs an exponential-"
                    + "family observation; site '" + observed.name() + "' is " + observed.distribution()
                    + "; use objective auto or log-joint");
        }
    }

    /** Whether the exponential-family form is used for this model. */
    public boolean usesExponentialFamily(ModelStructure structure) {
        return switch (options.objective()) {
            case AUTO -> structure.observed().exponentialFamily();
            case EXPONENTIAL_FAMILY -> true;
            case LOG_JOINT -> false;
        };
    }

    /**
     * The optimiser of a regressor's learned hyper-parameters: Adam (default moments) with step size
     * {@link AlwsOptions#hyperLearningRate()}, whatever the run's optimiser, as in the reference implementation. The
     * hyper-parameters are log scales and network weights whose gradients differ by orders of magnitude, which
     * Adam's per-parameter normalisation absorbs, and their step size is independent of the model's. Its slots live
     * in {@code opt/regressor/<name>/<slot>} and its step count in {@code opt/regressor/step}.
     */
    static Optimizer hyperOptimizer(AlwsOptions options) {
        AdamOptions d = AdamOptions.defaults();
        return new Adam(new AdamOptions(options.hyperLearningRate(), d.beta1(), d.beta2(), d.epsilon(), 0.0));
    }

    private static Regressor regressor(LearnerContext context) {
        return context.regressor().orElseThrow(
                () -> new IncompatibleModelException("learner alws needs a regressor; none was configured"));
    }

    @Override
    public LearnerSession start(LearnerContext context) {
        checkCompatible(context.structure());
        return new AlwsSession(options, context, regressor(context), usesExponentialFamily(context.structure()),
                options.sleepSamples(), context.batchSize());
    }

    /**
     * Per-point estimates ĝ(x_m) = Σ_n α_n(x_m) ∇θ log p(z_n, x_n) (or their exponential-family form) from
     * {@code budget} sleep samples: one regression for all points, then one backward pass per point. If the
     * regressor has learned hyper-parameters, {@link AlwsOptions#tuningSteps()} kernel steps (each with fresh
     * training and validation sleep sets of {@code budget} and {@link AlwsOptions#validationSamples()} samples) fit
     * them first; the model's parameters do not change.
     */
    @Override
    public Map<String, HostArray> estimateScores(LearnerContext context, HostArray data, int budget, long seed) {
        checkCompatible(context.structure());
        if (!data.allFinite()) {
            throw new DataException("data: holds a non-finite value (NaN or infinity); score estimates need finite"
                    + " data");
        }
        int m = Math.toIntExact(data.shape().dim(0));
        AlwsFunctions f = new AlwsFunctions(context, regressor(context), usesExponentialFamily(context.structure()),
                budget, m);
        SeedStream seeds = SeedStream.root(seed);
        CompiledFunction regression = f.regress();
        CompiledFunction gradient = f.gradient();
        if (f.learnsHyperParameters()) {
            tune(f, seeds.child("tuning"), 0, options.tuningSteps(), data);
        }
        return estimate(context, f, regression, gradient, data, seeds);
    }

    /** The per-point estimates from one sleep set of {@code seeds.child("sleep")}, at the current hyper-parameters. */
    Map<String, HostArray> estimate(LearnerContext context, AlwsFunctions f, CompiledFunction regression,
            CompiledFunction gradient, HostArray data, SeedStream seeds) {
        int m = Math.toIntExact(data.shape().dim(0));
        List<DeviceArray> samples = f.drawSleep(f.sleep(), seeds.child("sleep").statelessSeed(0), data);
        try {
            AlwsFunctions.Regression reg = f.fit(regression, samples, data,
                    seeds.child("regression").statelessSeed(0), options);
            try {
                Map<String, Variable> vars = context.modelParameters().variables();
                List<double[]> columns = new ArrayList<>();
                List<Shape> shapes = new ArrayList<>();
                for (Variable v : vars.values()) {
                    columns.add(new double[m * v.shape().intSize()]);
                    shapes.add(v.shape());
                }
                for (int i = 0; i < m; i++) {
                    double[] c = new double[m];
                    c[i] = 1;
                    List<Value> args = new ArrayList<>(samples);
                    args.add(reg.alpha());
                    args.add(data);
                    args.add(HostArray.of(Shape.of(m), c));
                    List<DeviceArray> grads = gradient.call(args);
                    for (int p = 0; p < grads.size(); p++) {
                        double[] g = grads.get(p).toHost().doubles();
                        System.arraycopy(g, 0, columns.get(p), i * g.length, g.length);
                        grads.get(p).close();
                    }
                }
                Map<String, HostArray> out = new LinkedHashMap<>();
                int p = 0;
                for (String name : vars.keySet()) {
                    out.put(name, HostArray.of(shapes.get(p).prepend(m), columns.get(p)));
                    p++;
                }
                return out;
            } finally {
                reg.alpha().close();
            }
        } finally {
            samples.forEach(DeviceArray::close);
        }
    }

    /**
     * Kernel steps {@code first} to {@code first + count − 1}, with draws from {@code seeds}; returns their held-out
     * losses (each before its update). A conditional model's sleep sets are drawn at the inputs of {@code data}.
     */
    double[] tune(AlwsFunctions f, SeedStream seeds, long first, int count, HostArray data) {
        KernelTuner tuner = new KernelTuner(f, options, seeds);
        double[] losses = new double[count];
        for (int i = 0; i < count; i++) {
            losses[i] = tuner.step(first + i, data).loss();
        }
        return losses;
    }

    @Override
    public String toString() {
        return "alws(N=" + options.sleepSamples() + ", " + options.objective() + ")";
    }
}
