package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Normal;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.GaussianInputs;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.core.regress.FeatureMaps;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * The fused step hands a Gaussian observation whose scale is the same for every sample to the regressor undrawn
 * ({@link Regressor#fit(GaussianInputs, RegressionContext)}), with the model's means at the sleep latents and its
 * scale; an observation whose scale varies between samples, a Bernoulli one, and the unfused step fit to drawn x.
 */
class UndrawnObservationTest {
    private static final int SLEEP = 40;
    private static final int BATCH = 5;
    private static final int PIXELS = 16;
    private static final double LOG_SIGMA = 0.3;

    /** Exact KRR with learned scales on a 4-feature projection that reports which fit it got, as diagnostics. */
    private static final class Reporting implements Regressor {
        private final KernelRidgeRegressor krr = new KernelRidgeRegressor(
                KernelRidgeOptions.defaults().withFeatureMap(FeatureMaps.PROJECTION, 4).withLearnHyperparameters(true),
                new GaussianKernel());

        @Override
        public LinearSmoother fit(Tensor inputs, RegressionContext context) {
            return reporting(krr.fit(inputs, context), Map.of("drawn.rows", context.ops().scalar(inputs.dim(0))));
        }

        @Override
        public LinearSmoother fit(GaussianInputs inputs, RegressionContext context) {
            Map<String, Tensor> report = new LinkedHashMap<>();
            report.put("undrawn.rows", context.ops().scalar(inputs.count()));
            report.put("undrawn.width", context.ops().scalar(inputs.width()));
            report.put("undrawn.scale.min", inputs.scale().min());
            report.put("undrawn.scale.max", inputs.scale().max());
            return reporting(krr.fit(inputs, context), report);
        }

        private static LinearSmoother reporting(LinearSmoother fitted, Map<String, Tensor> report) {
            return new LinearSmoother() {
                @Override
                public Tensor weights(Tensor queries) {
                    return fitted.weights(queries);
                }

                @Override
                public Map<String, Tensor> diagnostics() {
                    Map<String, Tensor> all = new LinkedHashMap<>(fitted.diagnostics());
                    all.putAll(report);
                    return all;
                }
            };
        }
    }

    /** x ~ N(z W, σ²) with one learned σ, or with a scale exp(z V) of each sample's own. */
    private static GenerativeModel gaussian(boolean sharedScale) {
        return t -> {
            Tensor w = t.param("W", Shape.of(2, PIXELS), Initializer.normal(0.5));
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 2)), 1.0));
            Tensor scale = sharedScale ? t.param("logSigma", Shape.scalar(), Initializer.constant(LOG_SIGMA)).exp()
                    : z.matmul(t.param("V", Shape.of(2, PIXELS), Initializer.normal(0.1))).exp();
            t.observe("x", Normal.of(z.matmul(w), scale));
        };
    }

    private static GenerativeModel bernoulli() {
        return t -> {
            Tensor w = t.param("W", Shape.of(2, PIXELS), Initializer.normal(0.5));
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 2)), 1.0));
            t.observe("x", Bernoulli.ofLogits(z.matmul(w)));
        };
    }

    /** The metrics of two steps (the first without, the second with a kernel update). */
    private static StepResult[] steps(GenerativeModel model, boolean fused, boolean binary) {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            StandardLearnerContext context = new StandardLearnerContext(ws, model, SeedStream.root(9),
                    new Adam(AdamOptions.defaults()), new Reporting(), Shape.of(PIXELS), BATCH, 1000, 0);
            AlwsLearner learner = new AlwsLearner(AlwsOptions.defaults().withSleepSamples(SLEEP).withFused(fused)
                    .withKernelStepEvery(2));
            SplittableRandom r = new SplittableRandom(3);
            double[] x = new double[BATCH * PIXELS];
            for (int i = 0; i < x.length; i++) {
                x[i] = binary ? (r.nextBoolean() ? 1 : 0) : r.nextDouble(-2, 2);
            }
            HostArray data = HostArray.of(Shape.of(BATCH, PIXELS), x);
            try (LearnerSession session = learner.start(context)) {
                return new StepResult[] {session.step(data, 0), session.step(data, 1)};
            }
        }
    }

    @Test
    void theFusedStepFitsToTheUndrawnGaussianWithItsSharedScale() {
        StepResult[] run = steps(gaussian(true), true, false);
        assertThat(java.util.Arrays.stream(run).filter(r -> r.metrics().containsKey("kernel.loss")))
                .as("a step with a kernel update, whose validation x the step draws itself").singleElement()
                .satisfies(r -> assertThat(r.metrics().get("kernel.loss")).isPositive().isFinite());
        for (StepResult r : run) {
            assertThat(r.finite()).as("%s", r).isTrue();
            assertThat(r.metrics()).as("%s", r.metrics()).doesNotContainKey("drawn.rows");
            assertThat(r.metrics().get("undrawn.rows")).isEqualTo(SLEEP);
            assertThat(r.metrics().get("undrawn.width")).isEqualTo(PIXELS);
            // Each step sees σ before its own update; two Adam steps of 0.001 move log σ by at most 0.002.
            assertThat(r.metrics().get("undrawn.scale.min")).isCloseTo(Math.exp(LOG_SIGMA), within(0.01))
                    .isEqualTo(r.metrics().get("undrawn.scale.max"));
        }
    }

    @Test
    void otherObservationsAndTheUnfusedStepFitToDrawnInputs() {
        StepResult[][] runs = {steps(gaussian(false), true, false), steps(bernoulli(), true, true),
            steps(gaussian(true), false, false)};
        for (StepResult[] run : runs) {
            for (StepResult r : run) {
                assertThat(r.finite()).as("%s", r).isTrue();
                assertThat(r.metrics()).as("%s", r.metrics()).doesNotContainKey("undrawn.rows");
                assertThat(r.metrics().get("drawn.rows")).isEqualTo(SLEEP);
            }
        }
    }
}
