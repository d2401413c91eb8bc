package org.alws.baselines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.alws.api.DataException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.model.Guide;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.SiteInfo;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.baselines.guide.GuideOptions;
import org.alws.baselines.guide.Guides;

/**
 * The shared machinery of the baseline learners: the guide (the model's own, or the default one, parameters under
 * {@code guide/}), the compiled functions and the score estimator. A subclass only says how its objectives are
 * built from particles ({@link Particles}).
 *
 * <p>A training step is one compiled function of (data [B, ...], seed INT64[2]): the subclass's objectives, the
 * θ-gradient of −(θ objective + factors / dataset size) and the φ-gradient of its guide loss, and one guarded
 * {@link ParameterUpdates#apply} of the run's optimiser to both. It reports the loss −(mean bound + factors / dataset
 * size), the global gradient norm and named metrics. Its seed is the learner stream's {@code step} child at the
 * step index, so a resumed run repeats an uninterrupted one.
 *
 * <p>Score estimates ({@link #estimateScores}) first take {@code guideFitSteps} guide steps on the given points at
 * fixed θ (Adam with step size {@code guideFitLearningRate}, counted in {@value #FIT_STEP_VARIABLE}; the guide keeps
 * what it learns), then differentiate the θ objective at {@code budget} particles per point, once per point.
 */
public abstract class ParticleLearner implements Learner, ScoreEstimator {
    /** The owner (namespace) of the guide's parameters. */
    public static final String GUIDE_OWNER = "guide";
    /** The step counter of the guide steps taken before score estimates. */
    public static final String FIT_STEP_VARIABLE = "opt/guide-fit/step";
    /** Metric names of each compiled training function (its body runs only on the first compilation). */
    private static final Map<CompiledFunction, List<String>> METRICS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final String name;
    private final GuideOptions guideOptions;
    private final int guideFitSteps;
    private final double guideFitLearningRate;

    ParticleLearner(String name, GuideOptions guideOptions, int guideFitSteps, double guideFitLearningRate) {
        this.name = name;
        this.guideOptions = guideOptions;
        this.guideFitSteps = guideFitSteps;
        this.guideFitLearningRate = guideFitLearningRate;
    }

    /** The learner's plugin name, e.g. {@code iwae}. */
    public String name() {
        return name;
    }

    /** Particles per data point in a training step. */
    abstract int particles();

    /** A short ASCII key of the options, part of the compiled functions' names. */
    abstract String key();

    /**
     * Builds the objectives in the function being traced.
     *
     * @param x the data [B, ...]
     * @param seed the INT64[2] seed of every draw
     * @param particles K
     * @param weights c [B], the weight of each point in the θ objective and the guide loss
     */
    abstract Objectives objectives(Particles p, Tensor x, Tensor seed, int particles, Tensor weights,
            Purpose purpose);

    /** Checks the guide's own sites (e.g. that they are reparameterisable); nothing by default. */
    void checkGuide(ModelStructure guide) {
    }

    @Override
    public void checkCompatible(ModelStructure structure) {
        structure.observed();
        if (structure.latentSites().isEmpty()) {
            throw new IncompatibleModelException("learner " + name + " needs a model with latent sites; it has none");
        }
    }

    /** The guide of the context's model, its parameters created and its sites checked against the model's. */
    Guide guide(LearnerContext context) {
        Guide g = Guides.forModel(context.model(), context.structure(), guideOptions);
        checkGuide(Guides.check(g, context.structure(), guideParameters(context)));
        return g;
    }

    /**
     * Where the guide's parameters live: under {@value #GUIDE_OWNER}, or the model's own when the model's guide
     * shares them ({@link org.alws.api.model.ProvidesGuide#sharesModelParameters()}).
     */
    static Parameters guideParameters(LearnerContext context) {
        return Guides.sharesModelParameters(context.model()) ? context.modelParameters()
                : context.parameters(GUIDE_OWNER);
    }

    /**
     * The type of the data this learner's functions take: the observed site's, or the floating type for the data
     * rows of a conditional model.
     */
    static DType dataType(LearnerContext context) {
        ModelStructure s = context.structure();
        return s.conditional() ? context.workspace().floatType() : s.observed().dtype();
    }

    @Override
    public LearnerSession start(LearnerContext context) {
        checkCompatible(context.structure());
        return new ParticleSession(this, context, guide(context));
    }

    private String functionName(String kind, int... sizes) {
        StringBuilder sb = new StringBuilder("baselines/").append(key()).append('/').append(kind);
        for (int s : sizes) {
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    private static TensorSpec dataSpec(LearnerContext context, int batch) {
        return new TensorSpec(context.structure().dataShape().prepend(batch), dataType(context));
    }

    private static Tensor uniform(TensorOps ops, int batch) {
        return ops.fill(Shape.of(batch), 1.0 / batch);
    }

    /** A finite-valued guard: {@code loss} itself, made non-finite if any of the other scalars is. */
    private static Tensor guard(Tensor loss, Tensor... others) {
        Tensor g = loss;
        for (Tensor o : others) {
            if (o != null) {
                g = g.add(o.mul(0.0));
            }
        }
        return g;
    }

    /** The θ- and φ-gradients of a step or a guide step. */
    static Map<Variable, Tensor> gradients(Particles p, Objectives o, Tensor thetaLoss, boolean theta) {
        Map<Variable, Tensor> grads = new LinkedHashMap<>();
        if (o.shared()) {
            List<Parameters> owners = theta ? List.of(p.modelParameters, p.guideParameters)
                    : List.of(p.guideParameters);
            grads.putAll(p.gradients(owners, thetaLoss));
            return grads;
        }
        if (p.guideParameters == p.modelParameters) {
            throw new IncompatibleModelException("the model's guide shares the model's parameters, but this learner "
                    + "trains the guide on an objective of its own; use a learner with one objective for both, "
                    + "such as vae or iwae");
        }
        if (theta) {
            grads.putAll(p.gradients(p.modelParameters, thetaLoss));
        }
        if (o.guideGradients() != null) {
            grads.putAll(o.guideGradients());
        } else if (o.guideLoss() != null) {
            grads.putAll(p.gradients(p.guideParameters, o.guideLoss()));
        }
        return grads;
    }

    /**
     * train(x [B, ...], seed) -> loss, gradient norm, metrics: one training step with one guarded update of the
     * model's and the guide's parameters by the run's optimiser.
     */
    CompiledFunction trainFunction(LearnerContext context, Guide guide, int batch) {
        List<String> names = new ArrayList<>();
        CompiledFunction f = context.workspace().compile(functionName("train", batch),
                List.of(dataSpec(context, batch), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Particles p = new Particles(ops, context, guide, guideParameters(context));
                    Objectives o = objectives(p, in.get(0), in.get(1), particles(), uniform(ops, batch),
                            Purpose.TRAIN);
                    Tensor factors = o.model().factorTotal().div((double) context.datasetSize());
                    Tensor thetaLoss = o.theta().add(factors).neg();
                    Tensor loss = guard(o.bound().mean().add(factors).neg(), thetaLoss, o.guideLoss());
                    Map<Variable, Tensor> grads = gradients(p, o, thetaLoss, true);
                    Tensor norm = ParameterUpdates.apply(ops, context.workspace(), context.optimizer(), grads, loss,
                            context.clipNorm());
                    List<Tensor> out = new ArrayList<>(List.of(loss, norm));
                    for (Map.Entry<String, Tensor> e : o.metrics().entrySet()) {
                        names.add(e.getKey());
                        out.add(e.getValue().cast(ops.floatType()));
                    }
                    return out;
                });
        if (!names.isEmpty()) {
            METRICS.put(f, List.copyOf(names));
        }
        return f;
    }

    /** The metric names of a function from {@link #trainFunction}. */
    static List<String> metricNames(CompiledFunction train) {
        return METRICS.getOrDefault(train, List.of());
    }

    /** fit(x [M, ...], seed) -> guide loss, gradient norm: one guarded guide step at fixed θ. */
    CompiledFunction fitFunction(LearnerContext context, Guide guide, int points) {
        GuideFitAdam adam = new GuideFitAdam(guideFitLearningRate);
        return context.workspace().compile(functionName("fit-guide", points),
                List.of(dataSpec(context, points), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Particles p = new Particles(ops, context, guide, guideParameters(context));
                    Objectives o = objectives(p, in.get(0), in.get(1), particles(), uniform(ops, points),
                            Purpose.FIT_GUIDE);
                    Tensor guideLoss = o.shared() ? o.theta().neg() : o.guideLoss();
                    Tensor loss = guideLoss != null ? guideLoss : o.bound().mean().neg();
                    Map<Variable, Tensor> grads = gradients(p, o, o.theta().neg(), false);
                    Tensor norm = ParameterUpdates.apply(ops, context.workspace(), adam, grads, loss, 0,
                            FIT_STEP_VARIABLE);
                    return List.of(loss, norm);
                });
    }

    /** score(x [M, ...], seed, c [M]) -> ∇θ Σ_m c_m (θ objective)_m for every model parameter, no update. */
    CompiledFunction scoreFunction(LearnerContext context, Guide guide, int points, int budget) {
        return context.workspace().compile(functionName("score", points, budget),
                List.of(dataSpec(context, points), TensorSpec.of(DType.INT64, 2),
                        TensorSpec.of(context.workspace().floatType(), points)), (ops, in) -> {
                    Particles p = new Particles(ops, context, guide, guideParameters(context));
                    Objectives o = objectives(p, in.get(0), in.get(1), budget, in.get(2), Purpose.SCORE);
                    return new ArrayList<>(p.gradients(p.modelParameters, o.theta()).values());
                });
    }

    /** bound(x [M, ...], seed) -> the per-point bound at K particles. */
    CompiledFunction boundFunction(LearnerContext context, Guide guide, int points, int particles) {
        return context.workspace().compile(functionName("bound", points, particles),
                List.of(dataSpec(context, points), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Particles p = new Particles(ops, context, guide, guideParameters(context));
                    return List.of(objectives(p, in.get(0), in.get(1), particles, uniform(ops, points),
                            Purpose.BOUND).bound());
                });
    }

    private static HostArray checkedData(LearnerContext context, HostArray data, String what) {
        if (!data.allFinite()) {
            throw new DataException("data: holds a non-finite value (NaN or infinity); " + what
                    + " need finite data");
        }
        return data.cast(dataType(context));
    }

    /**
     * Per-point estimates of ∇θ log p(x_m): {@code guideFitSteps} guide steps on the points at fixed θ, then the
     * θ-gradient of the learner's objective at {@code budget} particles per point (the same draws for every point's
     * backward pass). The model's parameters do not change; the guide's do.
     */
    @Override
    public Map<String, HostArray> estimateScores(LearnerContext context, HostArray data, int budget, long seed) {
        checkCompatible(context.structure());
        if (budget < 1) {
            throw new IllegalArgumentException("budget: got " + budget + ", expected an integer >= 1");
        }
        HostArray x = checkedData(context, data, "score estimates");
        int m = Math.toIntExact(x.shape().dim(0));
        Guide guide = guide(context);
        SeedStream seeds = SeedStream.root(seed);
        fitGuide(context, guide, x, seeds.child("guide-fit"), guideFitSteps);
        CompiledFunction score = scoreFunction(context, guide, m, budget);
        HostArray s = seeds.child("score").statelessSeed(0);
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
            List<DeviceArray> grads = score.call(x, s, HostArray.of(Shape.of(m), context.workspace().floatType(), c));
            for (int p = 0; p < grads.size(); p++) {
                double[] g = grads.get(p).toHost().doubles();
                System.arraycopy(g, 0, columns.get(p), i * g.length, g.length);
                grads.get(p).close();
            }
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        int p = 0;
        for (String n : vars.keySet()) {
            out.put(n, HostArray.of(shapes.get(p).prepend(m), columns.get(p)));
            p++;
        }
        return out;
    }

    /**
     * {@code steps} guide steps at fixed θ on the points {@code data}, with draws from {@code seeds}; returns their
     * losses. A guide that shares the model's parameters has none of its own to fit: no steps are taken.
     */
    double[] fitGuide(LearnerContext context, Guide guide, HostArray data, SeedStream seeds, int steps) {
        double[] losses = new double[steps];
        if (steps == 0 || Guides.sharesModelParameters(context.model())) {
            return losses;
        }
        CompiledFunction fit = fitFunction(context, guide, Math.toIntExact(data.shape().dim(0)));
        for (int i = 0; i < steps; i++) {
            List<DeviceArray> out = fit.call(data, seeds.statelessSeed(i));
            losses[i] = out.get(0).toHost().scalarValue();
            out.forEach(DeviceArray::close);
        }
        return losses;
    }

    /**
     * The learner's per-point bound on log p(x_m) at the current parameters with {@code particles} particles per
     * point (the ELBO for vae and wake-sleep, the importance-weighted bound for iwae and rws), without any update.
     */
    public double[] estimateBounds(LearnerContext context, HostArray data, int particles, long seed) {
        checkCompatible(context.structure());
        HostArray x = checkedData(context, data, "bounds");
        Guide guide = guide(context);
        CompiledFunction f = boundFunction(context, guide, Math.toIntExact(x.shape().dim(0)), particles);
        List<DeviceArray> out = f.call(x, SeedStream.root(seed).child("bound").statelessSeed(0));
        double[] b = out.get(0).toHost().doubles().clone();
        out.forEach(DeviceArray::close);
        return b;
    }
}
