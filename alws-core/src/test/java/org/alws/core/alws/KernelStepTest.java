package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Uniform;
import org.alws.api.dist.Normal;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.Value;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.core.regress.FeatureMaps;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.core.regress.KernelScales;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * ALWS's kernel step on a regressor with learned hyper-parameters: it lowers the held-out error and moves the
 * bandwidth towards the better one where the median heuristic is clearly wrong; it changes the hyper-parameters
 * only, and the generator step changes the model's parameters only.
 */
class KernelStepTest {
    private static final int N = 400;
    private static final int V = 200;

    /**
     * z ~ U(−3, 3), x | z ~ N(z, s(z)²) with log s(z) = sin(2z) + c, c = −2.5: x is z up to a little noise whose
     * scale oscillates, so the regression function of the log joint on x is about −sin(2x) + const, plus noise of
     * variance 1/2. The median distance of x (≈ 2) is longer than the half-period π/2. Measured held-out loss of this
     * test (log-joint form, N = 400, V = 200, mean over ten draws) against the log bandwidth factor on the median,
     * at ridge 1: 0.975 at +1, 0.851 at +0.5, 0.693 at 0 (the median), 0.595 at −0.5, 0.591 at −1 (the best),
     * 0.593 at −1.5, 0.598 at −2, 0.632 at −3.
     */
    static GenerativeModel oscillatingNoise() {
        return t -> {
            Tensor c = t.param("c", Shape.of(1), Initializer.values(-2.5));
            Tensor z = t.sample("z", Uniform.of(t.ops().fill(Shape.of(t.batchSize(), 1), -3),
                    t.ops().fill(Shape.of(t.batchSize(), 1), 3)));
            t.observe("x", Normal.of(z, z.mul(2).sin().add(c).exp()));
        };
    }

    private static StandardLearnerContext context(Workspace ws, Regressor regressor) {
        return new StandardLearnerContext(ws, oscillatingNoise(), SeedStream.root(3), new Adam(AdamOptions.defaults()),
                regressor, Shape.of(1), 10, 1000, 0);
    }

    private static Regressor learnedKrr() {
        return new KernelRidgeRegressor(KernelRidgeOptions.defaults().withLearnHyperparameters(true),
                new GaussianKernel());
    }

    private static AlwsOptions options(double learningRate) {
        return AlwsOptions.defaults().withSleepSamples(N).withObjective(Objective.LOG_JOINT)
                .withKernelSteps(V, learningRate, 0);
    }

    private static Workspace open() {
        return new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    /** The held-out loss at the current hyper-parameters, averaged over ten fixed draws (no update). */
    private static double heldOutLoss(AlwsFunctions f) {
        CompiledFunction loss = f.heldOutLoss(V);
        CompiledFunction train = f.sleep();
        CompiledFunction held = f.sleep(V);
        SeedStream seeds = SeedStream.root(99);
        double mean = 0;
        for (int r = 0; r < 10; r++) {
            List<DeviceArray> a = train.call(seeds.child("train").statelessSeed(r));
            List<DeviceArray> b = held.call(seeds.child("held").statelessSeed(r));
            List<Value> args = new ArrayList<>(a);
            args.addAll(b);
            args.add(HostArray.scalar(0.0));
            args.add(seeds.child("fit").statelessSeed(r));
            List<DeviceArray> out = loss.call(args);
            mean += out.get(0).toHost().scalarValue() / 10;
            out.forEach(DeviceArray::close);
            a.forEach(DeviceArray::close);
            b.forEach(DeviceArray::close);
        }
        return mean;
    }

    /**
     * Fifty kernel steps from the median bandwidth and ridge 1 (Adam, step size 0.05). Measured: the held-out loss
     * (on draws the steps never see) falls from 0.595 to 0.502, the noise floor being 0.5, and the log bandwidth
     * factor goes to −0.85 (the grid's best is −1) and the log ridge to −0.89.
     */
    @Test
    void kernelStepsLowerTheHeldOutErrorAndShortenAMedianBandwidthThatIsTooLong() {
        try (Workspace ws = open()) {
            StandardLearnerContext ctx = context(ws, learnedKrr());
            try (AlwsSession session = (AlwsSession) new AlwsLearner(options(0.05)).start(ctx)) {
                AlwsFunctions f = session.functions();
                Map<String, HostArray> model = ctx.modelParameters().values();
                double before = heldOutLoss(f);
                for (int i = 0; i < 50; i++) {
                    AlwsFunctions.KernelStep k = session.kernelStep(i, null);
                    assertThat(k.applied()).as("kernel step %d applied", i).isTrue();
                    assertThat(k.loss()).as("loss of kernel step %d", i).isFinite();
                }
                double after = heldOutLoss(f);
                Map<String, HostArray> hyper = f.hyperParameters().values();
                double logScale = hyper.get(KernelScales.LOG_BANDWIDTH_SCALE).scalarValue();
                assertThat(after).as("held-out loss after 50 kernel steps (before: %s; hyper-parameters now %s)",
                        before, hyper).isLessThan(before - 0.05);
                // The grid's best factor is about e^−1: the median is too long.
                assertThat(logScale).as("log bandwidth factor after 50 kernel steps").isLessThan(-0.4);
                assertThat(ctx.modelParameters().values()).as("model parameters after 50 kernel steps")
                        .isEqualTo(model);
                assertThat(ws.read(ws.findVariable(AlwsFunctions.HYPER_STEP_VARIABLE).orElseThrow()).scalarValue())
                        .as("hyper-parameter updates counted").isEqualTo(50.0);
                assertThat(ws.findVariable(ParameterUpdates.STEP_VARIABLE)).as("the model's step counter")
                        .hasValueSatisfying(v -> assertThat(ws.read(v).scalarValue()).isEqualTo(0.0));
            }
        }
    }

    @Test
    void theKernelStepChangesOnlyTheHyperParametersAndTheGeneratorStepOnlyTheModel() {
        HostArray batch = HostArray.of(Shape.of(10, 1), new double[] {-2.2, -1.9, -0.1, 0.8, 1.3, 2.0, -2.7, 1.1,
            2.9, -1.0});
        try (Workspace a = open(); Workspace b = open()) {
            StandardLearnerContext kernelOnly = context(a, learnedKrr());
            StandardLearnerContext full = context(b, learnedKrr());
            try (AlwsSession s = (AlwsSession) new AlwsLearner(options(0.05)).start(kernelOnly);
                    LearnerSession t = new AlwsLearner(options(0.05)).start(full)) {
                Map<String, HostArray> model = kernelOnly.modelParameters().values();
                Map<String, HostArray> hyper = s.functions().hyperParameters().values();
                assertThat(hyper.keySet()).containsExactly(KernelScales.LOG_BANDWIDTH_SCALE, KernelScales.LOG_RIDGE);
                s.kernelStep(0, null);
                Map<String, HostArray> tuned = s.functions().hyperParameters().values();
                assertThat(tuned).as("hyper-parameters after a kernel step").isNotEqualTo(hyper);
                assertThat(kernelOnly.modelParameters().values()).as("model after a kernel step").isEqualTo(model);

                StepResult r = t.step(batch, 0);
                assertThat(full.parameters("regressor").values()).as("hyper-parameters after a whole step (kernel "
                        + "step, then generator step)").isEqualTo(tuned);
                assertThat(full.modelParameters().values()).as("model after a whole step").isNotEqualTo(model);
                assertThat(r.metrics()).containsKeys("kernel.loss", "kernel.gradientNorm", "bandwidth", "ridge");
                assertThat(r.metrics().get("ridge")).as("ridge of the generator step's fit")
                        .isCloseTo(Math.exp(tuned.get(KernelScales.LOG_RIDGE).scalarValue()), within(1e-14));
            }
        }
    }

    /** With kernelStepEvery = 3, kernel steps precede steps 0, 3 and 6 only; the others leave the kernel alone. */
    @Test
    void kernelStepEveryKTunesTheKernelBeforeEveryKthStepOnly() {
        HostArray batch = HostArray.of(Shape.of(10, 1), new double[] {-1.2, 0.4, 1.9, -0.3, 2.2, -2.5, 0.9, 1.4, -0.8,
            0.1});
        AlwsOptions every3 = options(0.05).withKernelStepEvery(3);
        try (Workspace ws = open()) {
            StandardLearnerContext ctx = context(ws, learnedKrr());
            try (LearnerSession s = new AlwsLearner(every3).start(ctx)) {
                Map<String, HostArray> hyper = ctx.parameters("regressor").values();
                for (int step = 0; step < 7; step++) {
                    StepResult r = s.step(batch, step);
                    Map<String, HostArray> now = ctx.parameters("regressor").values();
                    if (step % 3 == 0) {
                        assertThat(r.metrics()).as("step %d", step).containsKey("kernel.loss");
                        assertThat(now).as("hyper-parameters after step %d", step).isNotEqualTo(hyper);
                    } else {
                        assertThat(r.metrics()).as("step %d", step).doesNotContainKey("kernel.loss");
                        assertThat(now).as("hyper-parameters after step %d", step).isEqualTo(hyper);
                    }
                    hyper = now;
                }
            }
        }
    }

    /**
     * A feature network under a fixed-scale kernel: only the network's weights are hyper-parameters, and the kernel
     * steps train them on the held-out error. Measured over 100 steps (Adam, step size 0.03): the held-out loss
     * (median bandwidth of the features, ridge 1) falls from 0.561 to 0.536 (0.525 after 200 steps).
     */
    @Test
    void kernelStepsTrainALearnedFeatureNetwork() {
        KernelRidgeOptions o = KernelRidgeOptions.defaults().withFeatureMap(FeatureMaps.NETWORK, 20);
        try (Workspace ws = open()) {
            StandardLearnerContext ctx = context(ws, new KernelRidgeRegressor(o, new GaussianKernel()));
            try (AlwsSession session = (AlwsSession) new AlwsLearner(options(0.03)).start(ctx)) {
                AlwsFunctions f = session.functions();
                assertThat(f.hyperParameters().variables().keySet()).containsExactly("network/w0", "network/b0",
                        "network/w1", "network/b1");
                double before = heldOutLoss(f);
                for (int i = 0; i < 100; i++) {
                    session.kernelStep(i, null);
                }
                double after = heldOutLoss(f);
                assertThat(after).as("held-out loss after 100 kernel steps on the network (before: %s)", before)
                        .isLessThan(before - 0.015);
            }
        }
    }

    /**
     * The score estimator fits learned hyper-parameters by {@link AlwsOptions#tuningSteps()} kernel steps before
     * estimating, and changes nothing else; with no tuning step the learned scales are at their starting values,
     * which are the fixed rules', and the estimate is the fixed-scale one.
     */
    @Test
    void scoreEstimatesFitLearnedHyperParametersFirst() {
        org.alws.api.contract.LinearGaussian model = new org.alws.api.contract.LinearGaussian(1.5, 0.3, 0.7);
        HostArray data = HostArray.of(Shape.of(5, 1), new double[] {-2.1, -0.4, 0.3, 1.2, 2.6});
        Map<String, HostArray> fixed = estimate(model, data, KernelRidgeOptions.defaults(), 0, null);
        Map<String, HostArray> untuned = estimate(model, data, KernelRidgeOptions.defaults()
                .withLearnHyperparameters(true), 0, null);
        assertThat(untuned).as("estimate at the learned scales' starting values").isEqualTo(fixed);
        Map<String, HostArray> hyper = new java.util.HashMap<>();
        Map<String, HostArray> tuned = estimate(model, data, KernelRidgeOptions.defaults()
                .withLearnHyperparameters(true), 20, hyper);
        assertThat(tuned).as("estimate after 20 tuning steps").isNotEqualTo(fixed);
        assertThat(hyper.get(KernelScales.LOG_RIDGE).scalarValue()).as("log ridge after 20 tuning steps")
                .isNotEqualTo(0.0);
        assertThat(hyper.get(AlwsFunctions.HYPER_STEP_VARIABLE).scalarValue()).isEqualTo(20.0);
        assertThat(estimate(model, data, KernelRidgeOptions.defaults().withLearnHyperparameters(true), 20, null))
                .as("a second tuned estimate with the same seed").isEqualTo(tuned);
    }

    /**
     * Estimates the score at {@code data} with N = 300 and seed 4; puts the hyper-parameters and their step count
     * into {@code hyper} if it is not null; checks that the model's parameters did not change.
     */
    private static Map<String, HostArray> estimate(GenerativeModel model, HostArray data, KernelRidgeOptions krr,
            int tuning, Map<String, HostArray> hyper) {
        try (Workspace ws = open()) {
            StandardLearnerContext ctx = new StandardLearnerContext(ws, model, SeedStream.root(3),
                    new Adam(AdamOptions.defaults()), new KernelRidgeRegressor(krr, new GaussianKernel()),
                    Shape.of(1), 5, 1000, 0);
            Map<String, HostArray> before = ctx.modelParameters().values();
            Map<String, HostArray> estimate = new AlwsLearner(AlwsOptions.defaults().withKernelSteps(100, 0.01,
                    tuning)).estimateScores(ctx, data, 300, 4);
            assertThat(ctx.modelParameters().values()).as("model after estimating").isEqualTo(before);
            if (hyper != null) {
                hyper.putAll(ctx.parameters("regressor").values());
                hyper.put(AlwsFunctions.HYPER_STEP_VARIABLE, ws.read(ws.findVariable(
                        AlwsFunctions.HYPER_STEP_VARIABLE).orElseThrow()));
            }
            return estimate;
        }
    }
}
