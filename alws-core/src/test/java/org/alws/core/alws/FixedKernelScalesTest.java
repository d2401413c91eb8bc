package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * With {@code learnHyperparameters} off (the default), ALWS computes what it computed before learned kernel scales
 * existed: no hyper-parameter, no kernel step, no extra draw. The expected figures below are the IEEE-754 bits of
 * score estimates, step losses, gradient norms and parameters printed by the code of commit 3e7ea2e (the last one
 * without learned scales) for exactly this program; this code reproduced them bit for bit on the project's machines.
 * They are compared to within 1e-12 relative, which tolerates last-bit differences of another CPU's kernels but no
 * change of draws, rules or arithmetic.
 */
class FixedKernelScalesTest {

    private static double bits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    private static void assertMatches(String what, double actual, String expected) {
        double e = bits(expected);
        assertThat(actual).as(what).isCloseTo(e, within(1e-12 * Math.abs(e)));
    }

    @Test
    void theDefaultReproducesTheNumbersOfTheCodeBeforeLearnedScales() {
        org.alws.api.contract.LinearGaussian model = new org.alws.api.contract.LinearGaussian(1.5, 0.3, 0.7);
        double[] x = new double[20];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-3, 3);
        }
        HostArray data = HostArray.of(Shape.of(20, 1), x);
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            StandardLearnerContext ctx = new StandardLearnerContext(ws, model, SeedStream.root(3),
                    new Adam(AdamOptions.defaults()), new KernelRidgeRegressor(KernelRidgeOptions.defaults(),
                            new GaussianKernel()), Shape.of(1), 20, 1000, 0);
            Map<String, HostArray> estimate = new AlwsLearner(AlwsOptions.defaults()).estimateScores(ctx, data, 300,
                    5);
            Map<String, String[]> expected = Map.of(
                    "w", new String[] {"bfd6169cfd3573da", "bfd8498a8caed75d", "3fd68247d7248939"},
                    "b", new String[] {"bfc5c525ff96f4b8", "bfbfca4713baf749", "bfe5d07f967bb4da"},
                    "logS", new String[] {"bfd6da7a0138005d", "bfd67c82ebe1e265", "3fc6cec0155e7c2e"});
            int[] points = {0, 7, 19};
            for (Map.Entry<String, String[]> e : expected.entrySet()) {
                double[] g = estimate.get(e.getKey()).doubles();
                for (int k = 0; k < points.length; k++) {
                    assertMatches("estimate of ∂/∂" + e.getKey() + " at point " + points[k], g[points[k]],
                            e.getValue()[k]);
                }
            }
            List<StepResult> steps = new ArrayList<>();
            try (LearnerSession s = new AlwsLearner(AlwsOptions.defaults().withSleepSamples(300)).start(ctx)) {
                for (int step = 0; step < 3; step++) {
                    steps.add(s.step(data, step));
                }
            }
            String[][] losses = {{"4002fe888becbca8", "3fc96d8b558a0bbd"}, {"40034db8fe4a6831", "3fd057ae176f7118"},
                {"40025649a5ee05cf", "3fcaa04a112a51bc"}};
            for (int i = 0; i < 3; i++) {
                assertMatches("loss of step " + i, steps.get(i).loss(), losses[i][0]);
                assertMatches("gradient norm of step " + i, steps.get(i).gradientNorm(), losses[i][1]);
                assertThat(steps.get(i).metrics()).as("metrics of step %d", i)
                        .containsOnlyKeys("bandwidth", "seconds.sleep", "seconds.regression", "seconds.step");
            }
            Map<String, HostArray> p = ctx.modelParameters().values();
            assertMatches("w after 3 steps", p.get("w").get(0), "3ff7f3ffe07a14c7");
            assertMatches("b after 3 steps", p.get("b").get(0), "3fd364385833e3eb");
            assertMatches("logS after 3 steps", p.get("logS").get(0), "bfd6f403bfa897db");
            assertThat(ctx.parameters("regressor").variables()).as("regressor hyper-parameters").isEmpty();
            assertThat(ws.variables().stream().map(Variable::name)).as("workspace variables")
                    .noneMatch(n -> n.startsWith("regressor/") || n.startsWith("opt/regressor/"));
        }
    }
}
