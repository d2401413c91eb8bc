package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Normal;
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
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused ALWS step against its parts run one by one: without a kernel update it is the unfused step; with one,
 * its model update is the generator step on the first N samples of its draw and its hyper-parameter update the
 * kernel step with the last V as validation set, both from the values before the step. The model has a learned
 * prior mean, so a draw that were not detached would add a pathwise term to that parameter's gradient.
 */
class FusedStepTest {
    private static final int N = 300;
    private static final int V = 100;
    private static final HostArray BATCH = HostArray.of(Shape.of(10, 1), new double[] {-2.2, -1.9, -0.1, 0.8, 1.3,
        2.0, -2.7, 1.1, 2.9, -1.0});

    /** z ~ N(μ, 1), x | z ~ N(z, s(z)²) with log s(z) = sin(2z) + c; μ and c are learned. */
    static GenerativeModel learnedPriorMean() {
        return t -> {
            Tensor mu = t.param("mu", Shape.of(1), Initializer.values(0.4));
            Tensor c = t.param("c", Shape.of(1), Initializer.values(-1.5));
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 1)).add(mu), 1.0));
            t.observe("x", Normal.of(z, z.mul(2).sin().add(c).exp()));
        };
    }

    private static StandardLearnerContext context(Workspace ws, Regressor regressor) {
        return new StandardLearnerContext(ws, learnedPriorMean(), SeedStream.root(5),
                new Adam(new AdamOptions(0.05, 0.9, 0.999, 1e-8, 0.0)), regressor, Shape.of(1), 10, 1000, 0);
    }

    private static Regressor krr(boolean learned) {
        return new KernelRidgeRegressor(KernelRidgeOptions.defaults().withLearnHyperparameters(learned),
                new GaussianKernel());
    }

    private static AlwsOptions options(Objective objective) {
        return AlwsOptions.defaults().withSleepSamples(N).withObjective(objective).withKernelSteps(V, 0.05, 0);
    }

    private static Workspace open() {
        return new org.alws.tensorflow.TensorFlowBackend().open(WorkspaceOptions.defaults()
                .withFloatType(DType.FLOAT64));
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"EXPONENTIAL_FAMILY", "LOG_JOINT"})
    void withoutAKernelUpdateTheFusedStepIsTheUnfusedOne(Objective objective) {
        try (Workspace a = open(); Workspace b = open()) {
            StandardLearnerContext plain = context(a, krr(false));
            StandardLearnerContext fused = context(b, krr(false));
            try (AlwsSession s = (AlwsSession) new AlwsLearner(options(objective)).start(plain);
                    AlwsSession t = (AlwsSession) new AlwsLearner(options(objective).withFused(true)).start(fused)) {
                for (int step = 0; step < 3; step++) {
                    StepResult r = s.step(BATCH, step);
                    StepResult q = t.step(BATCH, step);
                    assertThat(q.loss()).as("loss of step %d", step).isCloseTo(r.loss(), within(1e-9));
                    assertThat(q.gradientNorm()).as("gradient norm of step %d", step)
                            .isCloseTo(r.gradientNorm(), within(1e-9));
                    assertThat(q.metrics().get("bandwidth")).isCloseTo(r.metrics().get("bandwidth"), within(1e-12));
                }
                assertClose(fused.modelParameters().values(), plain.modelParameters().values(), 1e-9);
                assertThat(plain.modelParameters().values().get("mu").scalarValue()).as("μ has moved")
                        .isNotCloseTo(0.4, within(1e-3));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"EXPONENTIAL_FAMILY", "LOG_JOINT"})
    void withAKernelUpdateItIsTheKernelStepAndTheGeneratorStepFromTheSameValues(Objective objective) {
        AlwsOptions o = options(objective);
        try (Workspace a = open(); Workspace b = open(); Workspace c = open()) {
            StandardLearnerContext kernelOnly = context(a, krr(true));
            StandardLearnerContext generatorOnly = context(b, krr(true));
            StandardLearnerContext fused = context(c, krr(true));
            try (AlwsSession s = (AlwsSession) new AlwsLearner(o).start(kernelOnly);
                    AlwsSession g = (AlwsSession) new AlwsLearner(o).start(generatorOnly);
                    AlwsSession t = (AlwsSession) new AlwsLearner(o.withFused(true)).start(fused)) {
                HostArray sleepSeed = fused.seeds().child("sleep").statelessSeed(0);
                HostArray regressionSeed = fused.seeds().child("regression").statelessSeed(0);
                AlwsFunctions f = s.functions();
                List<DeviceArray> draw = f.drawSleep(f.sleep(N + V), sleepSeed, BATCH);
                List<HostArray> hostDraw = new ArrayList<>();
                for (DeviceArray d : draw) {
                    hostDraw.add(d.toHost());
                    d.close();
                }

                StepResult r = t.step(BATCH, 0);

                List<DeviceArray> train = rows(a, hostDraw, 0, N);
                List<DeviceArray> held = rows(a, hostDraw, N, N + V);
                AlwsFunctions.KernelStep k = f.runKernelStep(f.kernelStep(V, AlwsLearner.hyperOptimizer(o)), train,
                        held, regressionSeed, o);
                assertThat(k.applied()).isTrue();
                assertThat(r.metrics().get("kernel.loss")).as("held-out loss").isCloseTo(k.loss(), within(1e-9));
                assertClose(fused.parameters("regressor").values(), kernelOnly.parameters("regressor").values(),
                        1e-9);

                AlwsFunctions fg = g.functions();
                List<DeviceArray> trainG = rows(b, hostDraw, 0, N);
                AlwsFunctions.Regression reg = fg.fit(fg.regress(), trainG, BATCH, regressionSeed, o);
                List<Value> args = new ArrayList<>(trainG);
                args.add(reg.alpha());
                args.add(BATCH);
                double[] w = new double[10];
                java.util.Arrays.fill(w, 0.1);
                args.add(HostArray.vector(w));
                List<DeviceArray> out = fg.step().call(args);
                assertThat(r.loss()).as("generator loss").isCloseTo(out.get(0).toHost().scalarValue(), within(1e-9));
                out.forEach(DeviceArray::close);
                reg.alpha().close();
                assertClose(fused.modelParameters().values(), generatorOnly.modelParameters().values(), 1e-9);
                assertThat(fused.modelParameters().values()).as("the model moved")
                        .isNotEqualTo(kernelOnly.modelParameters().values());
                assertThat(fused.parameters("regressor").values()).as("the kernel moved")
                        .isNotEqualTo(generatorOnly.parameters("regressor").values());
                train.forEach(DeviceArray::close);
                held.forEach(DeviceArray::close);
                trainG.forEach(DeviceArray::close);
            }
        }
    }

    /**
     * The exponential-family held-out loss has two forms, chosen by the smaller system: through the smoother's
     * prediction of every natural parameter, or through its weights at the validation points. They agree.
     */
    @org.junit.jupiter.api.Test
    void theTwoFormsOfTheHeldOutLossAgree() {
        try (Workspace ws = open()) {
            StandardLearnerContext ctx = context(ws, krr(true));
            try (AlwsSession s = (AlwsSession) new AlwsLearner(options(Objective.EXPONENTIAL_FAMILY)).start(ctx)) {
                AlwsFunctions f = s.functions();
                SeedStream seeds = SeedStream.root(17);
                List<DeviceArray> train = f.sleep().call(seeds.child("train").statelessSeed(0));
                List<DeviceArray> held = f.sleep(V).call(seeds.child("held").statelessSeed(0));
                List<Value> args = new ArrayList<>(train);
                args.addAll(held);
                args.add(HostArray.scalar(0.0));
                args.add(seeds.child("fit").statelessSeed(0));
                double[] loss = new double[2];
                for (int form = 0; form < 2; form++) {
                    List<DeviceArray> out = f.heldOutLoss(V, form == 0).call(args);
                    loss[form] = out.get(0).toHost().scalarValue();
                    out.forEach(DeviceArray::close);
                }
                assertThat(loss[0]).as("through the weights").isPositive()
                        .isCloseTo(loss[1], within(1e-9 * loss[1]));
                train.forEach(DeviceArray::close);
                held.forEach(DeviceArray::close);
            }
        }
    }

    private static List<DeviceArray> rows(Workspace ws, List<HostArray> values, int from, int to) {
        List<DeviceArray> out = new ArrayList<>();
        for (HostArray h : values) {
            out.add(ws.upload(h.rows(from, to)));
        }
        return out;
    }

    private static void assertClose(Map<String, HostArray> actual, Map<String, HostArray> expected, double tolerance) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, HostArray> e : expected.entrySet()) {
            double[] x = actual.get(e.getKey()).doubles();
            double[] y = e.getValue().doubles();
            assertThat(x).as(e.getKey()).hasSameSizeAs(y);
            for (int i = 0; i < y.length; i++) {
                assertThat(x[i]).as("%s[%d]", e.getKey(), i).isCloseTo(y[i], within(tolerance));
            }
        }
    }
}
