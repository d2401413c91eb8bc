package org.alws.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.alws.api.IncompatibleModelException;
import org.alws.api.NumericalException;
import org.alws.api.StorageException;
import org.alws.api.backend.Backend;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.event.CheckpointEvent;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunFinished;
import org.alws.api.event.RunStarted;
import org.alws.api.event.StepEvent;
import org.alws.api.event.TrainingListener;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.OptimizerProvider;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;
import org.alws.api.model.DrawsFigures;
import org.alws.api.model.FigureContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.InitialisesFromData;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.KernelProvider;
import org.alws.api.regress.Regressor;
import org.alws.api.regress.RegressorProvider;
import org.alws.api.tensor.HostArray;
import org.alws.core.run.Checkpoint;
import org.alws.core.run.RunDirectory;

/**
 * A training run assembled from a {@link ResolvedRun}: one workspace, the model, its data, the learner prepared for
 * the run, the metrics. {@link #train} runs the loop from a given step with listeners, checkpoints and evaluations.
 * Close it to release the workspace.
 */
public final class TrainingRun implements AutoCloseable {
    /** How the reason of a run stopped on its time budget begins. */
    public static final String BUDGET_STOP = "stopped on the time budget";
    /** Parameters with at most this many elements are logged with every metrics record. */
    static final int LOGGED_PARAMETER_SIZE = 16;

    private final ResolvedRun resolved;
    private final SeedStream root;
    private final Workspace workspace;
    private final GenerativeModel model;
    private final DataSplits data;
    private final Learner learner;
    private final StandardLearnerContext context;
    private final List<Metric> metrics = new ArrayList<>();
    private final Batches batches;
    private LearnerSession session;
    private ParameterAverage average;

    private TrainingRun(ResolvedRun resolved) {
        this.resolved = resolved;
        RunConfig config = resolved.config();
        this.root = SeedStream.root(config.seed());
        Backend backend = resolved.backend().provider();
        this.workspace = backend.open(WorkspaceOptions.defaults().withFloatType(config.dtype()));
        try {
            this.model = resolved.createModel();
            this.data = resolved.loadData(root.child("dataset"));
            Optimizer optimizer = ResolvedRun.create(resolved.optimizer().provider(),
                    resolved.optimizer().options(), OptimizerProvider::create);
            Kernel kernel = ResolvedRun.create(resolved.kernel().provider(), resolved.kernel().options(),
                    KernelProvider::create);
            Regressor regressor = ResolvedRun.create(resolved.regressor().provider(),
                    resolved.regressor().options(), (p, o) -> p.create(o, kernel));
            this.learner = ResolvedRun.create(resolved.learner().provider(), resolved.learner().options(),
                    LearnerProvider::create);
            for (ResolvedRun.Component<MetricProvider<?>> m : resolved.metrics()) {
                metrics.add(ResolvedRun.create(m.provider(), m.options(), MetricProvider::create));
            }
            TrainingOptions training = config.training();
            this.context = new StandardLearnerContext(workspace, model, root, optimizer, regressor,
                    data.train().exampleShape(), training.batchSize(), data.train().size(), training.clipNorm());
            checkShapes();
            learner.checkCompatible(context.structure());
            this.batches = new Batches(data.train(), training.batchSize(), root.child("batches"));
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    /** Assembles the run; nothing is compiled yet. */
    public static TrainingRun open(ResolvedRun resolved) {
        return new TrainingRun(resolved);
    }

    private void checkShapes() {
        ModelStructure s = context.structure();
        var observed = s.observed();
        if (!s.dataShape().equals(data.train().exampleShape())) {
            throw new IncompatibleModelException("data set '" + resolved.data().name() + "' has examples of shape "
                    + data.train().exampleShape() + " but model '" + resolved.model().name() + "' observes site '"
                    + observed.name() + "' with shape " + observed.eventShape() + (s.conditional()
                    ? " and conditions on inputs " + s.inputs() + " (data rows of shape " + s.dataShape() + ")"
                    : ""));
        }
    }

    public ResolvedRun resolved() {
        return resolved;
    }

    public Workspace workspace() {
        return workspace;
    }

    public GenerativeModel model() {
        return model;
    }

    public DataSplits data() {
        return data;
    }

    public Learner learner() {
        return learner;
    }

    public StandardLearnerContext context() {
        return context;
    }

    public Batches batches() {
        return batches;
    }

    /**
     * The learner's session, compiled on first use (this creates every variable of the run, and the parameters'
     * moving averages when {@link TrainingOptions#averageDecay()} is on).
     */
    public synchronized LearnerSession session() {
        if (session == null) {
            session = learner.start(context);
            double decay = resolved.config().training().averageDecay();
            if (decay > 0) {
                average = new ParameterAverage(workspace, context.modelParameters(), decay);
            }
        }
        return session;
    }

    /**
     * Runs {@code body} with the model as evaluations see it: with the parameters' moving averages in their place
     * when {@link TrainingOptions#averageDecay()} is on (the last values are restored after), else as it is.
     */
    public <T> T withEvaluatedParameters(Supplier<T> body) {
        session();
        return average == null ? body.get() : average.swapped(body);
    }

    /** Examples a model that {@link InitialisesFromData} sees: a seeded subset of the training split. */
    static final int INITIALISATION_EXAMPLES = 5000;

    /**
     * Gives a model that {@link InitialisesFromData} its say on the initial parameter values: once, for a new run,
     * after the session has created every variable. The examples are a seeded subset of the training split.
     */
    public void initialiseFromData() {
        if (model instanceof InitialisesFromData init) {
            session();
            Dataset train = data.train();
            SeedStream seeds = root.child("initialisation");
            HostArray examples = new Batches(train, Math.min(INITIALISATION_EXAMPLES, train.size()),
                    seeds.child("examples")).batch(0);
            Parameters parameters = context.modelParameters();
            parameters.setValues(init.initialValues(examples, parameters.values(), seeds.child("draws").random(0)));
            if (average != null) {
                average.reset();
            }
        }
    }

    /**
     * Lets the model and the data-set provider draw their own figures of the trained run into {@code directory}, each
     * if it {@link DrawsFigures}.
     */
    public void drawFigures(Path directory) {
        withEvaluatedParameters(() -> {
            drawModelFigures(directory);
            return null;
        });
    }

    private void drawModelFigures(Path directory) {
        FigureContext figures = new FigureContext(directory, workspace, model, context.modelParameters(), data,
                resolved.data().options(), root.child("dataset"), root.child("figures"));
        if (model instanceof DrawsFigures d) {
            d.drawFigures(figures);
        }
        if (resolved.data().provider() instanceof DrawsFigures d) {
            d.drawFigures(figures);
        }
    }

    /** The model's parameters. */
    public Parameters modelParameters() {
        return context.modelParameters();
    }

    /** Every variable of the workspace (parameters, optimiser state, step count) for a checkpoint. */
    public Checkpoint checkpoint(long stepsDone) {
        session();
        Map<String, HostArray> values = new LinkedHashMap<>();
        for (Variable v : workspace.variables()) {
            values.put(v.name(), workspace.read(v));
        }
        Map<String, String> state = new LinkedHashMap<>();
        state.put("seed", Long.toString(resolved.config().seed()));
        state.put("epoch", Long.toString(batches.epochOf(Math.max(0, stepsDone - 1))));
        return new Checkpoint(stepsDone, values, state);
    }

    /**
     * Restores every variable from a checkpoint.
     *
     * @throws StorageException if the checkpoint and this run do not hold the same variables
     */
    public void restore(Checkpoint checkpoint, String source) {
        session();
        Map<String, Variable> vars = new LinkedHashMap<>();
        for (Variable v : workspace.variables()) {
            vars.put(v.name(), v);
        }
        if (!vars.keySet().equals(checkpoint.variables().keySet())) {
            TreeSet<String> missing = new TreeSet<>(vars.keySet());
            missing.removeAll(checkpoint.variables().keySet());
            TreeSet<String> extra = new TreeSet<>(checkpoint.variables().keySet());
            extra.removeAll(vars.keySet());
            throw new StorageException("checkpoint " + source + " does not match this run's configuration: "
                    + (missing.isEmpty() ? "" : "missing " + missing) + (missing.isEmpty() || extra.isEmpty() ? "" : ", ")
                    + (extra.isEmpty() ? "" : "unexpected " + extra));
        }
        for (Map.Entry<String, HostArray> e : checkpoint.variables().entrySet()) {
            Variable v = vars.get(e.getKey());
            HostArray value = e.getValue();
            if (!value.shape().equals(v.shape()) || value.dtype() != v.dtype()) {
                throw new StorageException("checkpoint " + source + " holds variable '" + v.name() + "' as "
                        + value.dtype() + value.shape() + " but this run has " + v.dtype() + v.shape());
            }
            workspace.write(v, value);
        }
    }

    /** Evaluates every metric on the held-out split, with the parameters as {@link #withEvaluatedParameters}. */
    public Map<String, Double> evaluate(long stepsDone) {
        return withEvaluatedParameters(() -> evaluateMetrics(stepsDone));
    }

    private Map<String, Double> evaluateMetrics(long stepsDone) {
        Map<String, Double> out = new LinkedHashMap<>();
        EvaluationContext ctx = new EvaluationContext() {
            @Override
            public GenerativeModel model() {
                return model;
            }

            @Override
            public Parameters modelParameters() {
                return context.modelParameters();
            }

            @Override
            public Workspace workspace() {
                return workspace;
            }

            @Override
            public Dataset data() {
                return data.test();
            }

            @Override
            public Dataset trainingData() {
                return data.train();
            }

            @Override
            public SeedStream seeds() {
                return root.child("evaluation").child(Long.toString(stepsDone));
            }
        };
        for (Metric m : metrics) {
            out.putAll(m.evaluate(ctx));
        }
        return out;
    }

    /** Values of the small parameters, as {@code param/<name>[i]}. */
    public Map<String, Double> smallParameters() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : context.modelParameters().variables().entrySet()) {
            Variable v = e.getValue();
            if (v.shape().size() <= LOGGED_PARAMETER_SIZE) {
                HostArray h = workspace.read(v);
                for (int i = 0; i < h.size(); i++) {
                    out.put("param/" + e.getKey() + (v.shape().rank() == 0 ? "" : "[" + i + "]"), h.get(i));
                }
            }
        }
        return out;
    }

    /** Steps per pass over the training data. */
    public long stepsPerEpoch() {
        return batches.stepsPerEpoch();
    }

    /** The step count the run ends at: the configured steps, or epochs × steps per epoch. */
    public long totalSteps() {
        return resolved.config().training().totalSteps(batches.stepsPerEpoch());
    }

    /** Whether the run has metrics to evaluate. */
    public boolean hasMetrics() {
        return !metrics.isEmpty();
    }

    /**
     * Trains from step {@code firstStep} to the total ({@link #totalSteps()}), writing checkpoints into {@code dir},
     * or until the time budget ({@link TrainingOptions#maxSeconds()}: the wall time of this call less the time spent
     * evaluating) is spent: then it evaluates, checkpoints, and reports a {@link RunFinished} that is not completed,
     * with the budget as its reason.
     *
     * @return the number of steps done
     * @throws NumericalException when a step's loss or gradient is not finite (no update is applied; the last good
     *     checkpoint stays in place)
     */
    public long train(RunDirectory dir, long firstStep, List<TrainingListener> listeners) {
        TrainingOptions t = resolved.config().training();
        long total = totalSteps();
        long perEpoch = batches.stepsPerEpoch();
        long evalPeriod = t.evalEveryEpochs() > 0 ? Math.multiplyExact(t.evalEveryEpochs(), perEpoch) : 0;
        LearnerSession s = session();
        for (TrainingListener l : listeners) {
            l.onStart(new RunStarted(dir.name(), firstStep, total));
        }
        long start = System.nanoTime();
        long lastCheckpoint = firstStep;
        long done = firstStep;
        // Time spent evaluating, which the time budget does not count.
        long evaluationNanos = 0;
        try {
            if (firstStep == 0 && evalPeriod > 0 && !metrics.isEmpty()) {
                evaluateAndReport(0, listeners);
                start = System.nanoTime();
            }
            for (long step = firstStep; step < total; step++) {
                HostArray batch = batches.batch(step);
                StepResult r;
                try {
                    r = s.step(batch, step);
                } catch (NumericalException e) {
                    throw stop(e.getMessage(), done, lastCheckpoint, dir, listeners, start);
                }
                if (!r.finite()) {
                    throw stop("step " + step + ": the loss is " + r.loss() + " and the gradient norm "
                            + r.gradientNorm() + "; no update was applied", done, lastCheckpoint, dir, listeners,
                            start);
                }
                if (average != null) {
                    average.update(step);
                }
                done = step + 1;
                Map<String, Double> figures = new LinkedHashMap<>(r.metrics());
                if (done == firstStep + 1 || done % t.logEvery() == 0 || done == total) {
                    figures.putAll(smallParameters());
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                StepEvent event = new StepEvent(step, total, batches.epochOf(step), r.loss(), r.gradientNorm(),
                        figures, elapsed);
                for (TrainingListener l : listeners) {
                    l.onStep(event);
                }
                boolean evaluated = false;
                if ((t.evalEvery() > 0 && done % t.evalEvery() == 0) || (evalPeriod > 0 && done % evalPeriod == 0)
                        || (done == total && !metrics.isEmpty())) {
                    evaluationNanos += evaluateAndReport(done, listeners);
                    evaluated = true;
                }
                boolean overBudget = t.maxSeconds() > 0 && done < total
                        && (System.nanoTime() - start - evaluationNanos) / 1e9 >= t.maxSeconds();
                if (overBudget && !evaluated && !metrics.isEmpty()) {
                    evaluateAndReport(done, listeners);
                }
                if (done % t.checkpointEvery() == 0 || done == total || overBudget) {
                    var file = dir.withKeepCheckpoints(t.keepCheckpoints()).writeCheckpoint(checkpoint(done));
                    lastCheckpoint = done;
                    for (TrainingListener l : listeners) {
                        l.onCheckpoint(new CheckpointEvent(done, file));
                    }
                }
                if (overBudget) {
                    finish(listeners, done, false, budgetReason(t.maxSeconds(), done, total), start);
                    return done;
                }
            }
        } catch (RuntimeException e) {
            if (!(e instanceof NumericalException)) {
                finish(listeners, done, false, e.getMessage() == null ? e.toString() : e.getMessage(), start);
            }
            throw e;
        }
        finish(listeners, done, true, "", start);
        return done;
    }

    /** The reason of a run stopped on its time budget, as {@link RunFinished#reason()} and the summary say it. */
    public static String budgetReason(double maxSeconds, long done, long total) {
        return BUDGET_STOP + " (training.maxSeconds = " + formatSeconds(maxSeconds) + ") after " + done
                + " of " + total + " steps";
    }

    private static String formatSeconds(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /** Evaluates the metrics after {@code done} steps and tells the listeners; returns the nanoseconds it took. */
    private long evaluateAndReport(long done, List<TrainingListener> listeners) {
        long began = System.nanoTime();
        EvaluationEvent ev = new EvaluationEvent(done, evaluate(done));
        for (TrainingListener l : listeners) {
            l.onEvaluation(ev);
        }
        return System.nanoTime() - began;
    }

    private NumericalException stop(String why, long done, long lastCheckpoint, RunDirectory dir,
            List<TrainingListener> listeners, long start) {
        String kept = lastCheckpoint > 0 ? "the last good checkpoint (step " + lastCheckpoint + ") is kept in "
                + dir.checkpointsDir() : "no checkpoint had been written yet";
        String message = why + "; training stopped after " + done + " steps; " + kept;
        finish(listeners, done, false, message, start);
        return new NumericalException(message);
    }

    private static void finish(List<TrainingListener> listeners, long done, boolean completed, String reason,
            long start) {
        RunFinished f = new RunFinished(done, completed, reason, (System.nanoTime() - start) / 1e9);
        for (TrainingListener l : listeners) {
            l.onFinish(f);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            workspace.close();
        }
    }
}
