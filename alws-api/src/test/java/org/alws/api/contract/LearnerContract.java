package org.alws.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.alws.api.AlwsException;
import org.alws.api.backend.Workspace;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.learn.StepResult;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Learner} plugin passes, on a linear-Gaussian model written here ({@link LinearGaussian}:
 * z ~ N(0, 1), x | z ~ N(w z + b, s²), whose marginal x ~ N(b, w² + s²) gives the exact score ∇θ log p(x) in closed
 * form), run on the highest-priority available backend in float64 through a {@link LearnerContext} laid out as the
 * framework's: the learner accepts the model; a learner that is a {@link ScoreEstimator} returns, for each of
 * {@link #scorePoints()} points, finite estimates of every parameter's score whose relative error
 * ‖ĝ − g‖ / ‖g‖ (over all points and parameters, averaged over three seeds) is at most {@link #scoreTolerance()}
 * at {@link #scoreBudget()} samples and smaller than at {@link #smallScoreBudget()}, without changing the
 * parameters; {@link #steps()} training steps on data x ~ N(b + 1, 2²) report finite losses and gradient norms and
 * move b up towards the data's mean; two sessions from the same seed take bit-identical steps; and a batch holding
 * a NaN either raises an {@link AlwsException} or reports a non-finite step, leaving every parameter as it was.
 *
 * <p><b>How to use.</b> Put {@code org.alws:alws-api} with {@code <type>test-jar</type>}, JUnit Jupiter, AssertJ
 * and a backend (e.g. {@code org.alws:alws-tensorflow}) on your test class path, each with test scope, and write
 * {@code class MyLearnerContractTest extends LearnerContract { protected Learner learner() { return new
 * MyLearner(options); } protected Optimizer optimizer() { return ...; } }}: the API has no optimiser of its own, so
 * give the one users would train with (Adam with learning rate 1e-3 suits the default {@link #steps()}). A learner
 * that needs a regressor gets it from {@link #regressor()} (default: none). Override {@link #scoreBudget()},
 * {@link #smallScoreBudget()}, {@link #scorePoints()} and {@link #scoreTolerance()} to match your estimator's cost
 * and accuracy, {@link #batchSize()} and {@link #steps()} for the training checks; a check can be switched off by
 * overriding its method with {@code @Disabled("reason")}.
 */
public abstract class LearnerContract {
    /** The model's parameters: w = 1.5, b = 0.3, s = 0.7, so x ~ N(0.3, 2.74). */
    private static final LinearGaussian MODEL = new LinearGaussian(1.5, 0.3, 0.7);
    /** The training data are drawn from N(b + 1, 2²), away from the model's marginal. */
    private static final double DATA_MEAN = 1.3;
    private static final double DATA_SD = 2.0;
    private static final int DATASET_SIZE = 1000;
    private Learner learner;
    private Workspace workspace;
    private final List<Workspace> others = new ArrayList<>();

    /** The learner under test, configured as users would run it. Called once per test. */
    protected abstract Learner learner();

    /** The optimiser the learner's steps use (the API has none of its own). Called once per context. */
    protected abstract Optimizer optimizer();

    /** The regressor the context offers (default none), for learners that need one. Called once per context. */
    protected Optional<Regressor> regressor() {
        return Optional.empty();
    }

    /** The budget (sleep samples, particles) at which the score estimates must be within {@link #scoreTolerance()}. */
    protected int scoreBudget() {
        return 2000;
    }

    /** A smaller budget, whose mean error must exceed that at {@link #scoreBudget()}. */
    protected int smallScoreBudget() {
        return 200;
    }

    /** Number of data points the score is estimated at. */
    protected int scorePoints() {
        return 20;
    }

    /** The largest accepted mean relative error ‖ĝ − g‖ / ‖g‖ of the score estimates at {@link #scoreBudget()}. */
    protected double scoreTolerance() {
        return 0.5;
    }

    /** Examples per training step. */
    protected int batchSize() {
        return 50;
    }

    /** Number of training steps in the step checks. */
    protected int steps() {
        return 5;
    }

    /** The run's root seed. */
    protected long seed() {
        return 20_200_211L;
    }

    @BeforeEach
    public void openContractWorkspace() {
        learner = learner();
        workspace = ContractBackend.openFloat64();
    }

    @AfterEach
    public void closeContractWorkspaces() {
        for (Workspace w : others) {
            w.close();
        }
        others.clear();
        if (workspace != null) {
            workspace.close();
        }
    }

    private LearnerContext context(Workspace ws) {
        return new StandardLearnerContext(ws, MODEL, SeedStream.root(seed()), optimizer(), regressor().orElse(null),
                Shape.of(1), batchSize(), DATASET_SIZE, 0);
    }

    private Workspace another() {
        Workspace w = ContractBackend.openFloat64();
        others.add(w);
        return w;
    }

    /** {@code n} draws of N(mean, sd²) as data of shape [n, 1]. */
    private HostArray normalData(String stream, int n, double mean, double sd) {
        SplittableRandom r = SeedStream.root(seed()).child("contract").child(stream).random(0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * r.nextGaussian();
        }
        return HostArray.of(Shape.of(n, 1), x);
    }

    private HostArray trainingData() {
        return normalData("train", DATASET_SIZE, DATA_MEAN, DATA_SD);
    }

    private HostArray batch(HostArray data, long step) {
        int b = batchSize();
        int from = (int) ((step * b) % (DATASET_SIZE - b));
        return data.rows(from, from + b);
    }

    @Test
    public void acceptsTheLinearGaussianModel() {
        LearnerContext c = context(workspace);
        assertThatCode(() -> learner.checkCompatible(c.structure())).as("checkCompatible on the linear-Gaussian model")
                .doesNotThrowAnyException();
    }

    /** Relative error ‖estimate − exact‖ / ‖exact‖ over all points and parameters, after checking the layout. */
    private static double relativeError(Map<String, HostArray> estimate, Map<String, HostArray> exact, int budget) {
        assertThat(estimate.keySet()).as("parameters of the score estimate at budget %d", budget)
                .isEqualTo(exact.keySet());
        double num = 0;
        double den = 0;
        for (String p : exact.keySet()) {
            HostArray e = estimate.get(p);
            HostArray g = exact.get(p);
            assertThat(e.shape()).as("shape of the estimate for '%s' at budget %d", p, budget).isEqualTo(g.shape());
            assertThat(e.allFinite()).as("finite estimate for '%s' at budget %d: %s", p, budget, e).isTrue();
            for (int i = 0; i < g.size(); i++) {
                num += (e.get(i) - g.get(i)) * (e.get(i) - g.get(i));
                den += g.get(i) * g.get(i);
            }
        }
        return Math.sqrt(num / den);
    }

    @Test
    public void scoreEstimatesApproachTheExactScore() {
        Assumptions.assumeTrue(learner instanceof ScoreEstimator, "the learner is not a ScoreEstimator");
        ScoreEstimator estimator = (ScoreEstimator) learner;
        LearnerContext c = context(workspace);
        Map<String, HostArray> parameters = c.modelParameters().values();
        // Points from the model's own marginal, as in the gradient study.
        HostArray data = normalData("points", scorePoints(), 0.3, Math.sqrt(1.5 * 1.5 + 0.7 * 0.7));
        Map<String, HostArray> exact = MODEL.score(data, parameters);
        double[] error = new double[2];
        int[] budgets = {smallScoreBudget(), scoreBudget()};
        for (int k = 0; k < 2; k++) {
            for (long s = 0; s < 3; s++) {
                Map<String, HostArray> estimate = estimator.estimateScores(c, data, budgets[k], seed() + s);
                error[k] += relativeError(estimate, exact, budgets[k]) / 3;
            }
        }
        assertThat(c.modelParameters().values()).as("model parameters after estimating scores")
                .isEqualTo(parameters);
        assertThat(error[1]).as("mean relative error of the score estimates at budget %d", budgets[1])
                .isLessThanOrEqualTo(scoreTolerance());
        assertThat(error[1]).as("mean relative error at budget %d vs %s at budget %d", budgets[1], error[0],
                budgets[0]).isLessThan(error[0]);
    }

    /** Takes {@link #steps()} steps in a new session and returns their results. */
    private List<StepResult> train(LearnerContext c) {
        HostArray data = trainingData();
        List<StepResult> results = new ArrayList<>();
        try (LearnerSession session = learner.start(c)) {
            for (int i = 0; i < steps(); i++) {
                results.add(session.step(batch(data, i), i));
            }
        }
        return results;
    }

    @Test
    public void stepsReportFiniteLossesAndMoveTheParametersTowardsTheData() {
        LearnerContext c = context(workspace);
        Map<String, HostArray> before = c.modelParameters().values();
        List<StepResult> results = train(c);
        for (int i = 0; i < results.size(); i++) {
            StepResult r = results.get(i);
            assertThat(r.loss()).as("loss of step %d", i).isFinite();
            assertThat(r.gradientNorm()).as("gradient norm of step %d", i).isFinite().isPositive();
        }
        Map<String, HostArray> after = c.modelParameters().values();
        assertThat(after.keySet()).as("model parameters after training").isEqualTo(before.keySet());
        assertThat(after).as("model parameters after %d steps", steps()).isNotEqualTo(before);
        assertThat(after.get("b").get(0)).as("b after %d steps on data of mean %s (before: %s)", steps(), DATA_MEAN,
                before.get("b").get(0)).isGreaterThan(before.get("b").get(0));
    }

    @Test
    public void sessionsFromTheSameSeedTakeIdenticalSteps() {
        LearnerContext first = context(workspace);
        LearnerContext second = context(another());
        List<StepResult> a = train(first);
        List<StepResult> b = train(second);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).loss()).as("loss of step %d in a second session", i).isEqualTo(a.get(i).loss());
        }
        assertThat(second.modelParameters().values()).as("parameters after a second session")
                .isEqualTo(first.modelParameters().values());
    }

    @Test
    public void aBatchHoldingANaNLeavesEveryParameterAsItWas() {
        LearnerContext c = context(workspace);
        HostArray data = trainingData();
        double[] bad = batch(data, 0).doubles().clone();
        bad[bad.length / 2] = Double.NaN;
        try (LearnerSession session = learner.start(c)) {
            session.step(batch(data, 0), 0);
            Map<String, HostArray> before = c.modelParameters().values();
            StepResult r = null;
            try {
                r = session.step(HostArray.of(Shape.of(bad.length, 1), bad), 1);
            } catch (AlwsException e) {
                assertThat(e.getMessage()).as("message of the exception for a NaN batch").isNotBlank();
            }
            if (r != null) {
                assertThat(r.finite()).as("step on a NaN batch reported as finite: %s", r).isFalse();
            }
            assertThat(c.modelParameters().values()).as("parameters after a step on a NaN batch").isEqualTo(before);
        }
    }
}
