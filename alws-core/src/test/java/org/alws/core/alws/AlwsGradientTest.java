package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ALWS's per-point gradient estimates against the exact score of a linear-Gaussian model (x ~ N(b, w² + s²)), in
 * both the exponential-family and the log-joint form: the error shrinks as N grows
 * (consistency, design.md §2.6).
 */
class AlwsGradientTest {

    private static double relativeError(Objective objective, int n, long seed) {
        org.alws.api.contract.LinearGaussian model = new org.alws.api.contract.LinearGaussian(1.5, 0.3, 0.7);
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            StandardLearnerContext ctx = new StandardLearnerContext(ws, model, SeedStream.root(3), new Adam(AdamOptions.defaults()),
                    new KernelRidgeRegressor(KernelRidgeOptions.defaults(), new GaussianKernel()), Shape.of(1), 50,
                    1000, 0);
            AlwsLearner alws = new AlwsLearner(AlwsOptions.defaults().withObjective(objective));
            // Points drawn from the model itself, as in the gradient study.
            SplittableRandom r = new SplittableRandom(seed);
            double sd = Math.sqrt(1.5 * 1.5 + 0.49);
            double[] x = new double[50];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.3 + sd * gaussian(r);
            }
            HostArray data = HostArray.of(Shape.of(50, 1), x);
            Map<String, HostArray> estimate = alws.estimateScores(ctx, data, n, seed);
            Map<String, HostArray> exact = model.score(data, ctx.modelParameters().values());
            double num = 0;
            double den = 0;
            for (String p : exact.keySet()) {
                double[] e = estimate.get(p).doubles();
                double[] g = exact.get(p).doubles();
                for (int i = 0; i < g.length; i++) {
                    num += (e[i] - g[i]) * (e[i] - g[i]);
                    den += g[i] * g[i];
                }
            }
            return Math.sqrt(num / den);
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"EXPONENTIAL_FAMILY", "LOG_JOINT"})
    void estimatesConvergeToTheExactScore(Objective objective) {
        double[] error = new double[3];
        int[] sizes = {500, 1500, 4000};
        for (int k = 0; k < sizes.length; k++) {
            for (long seed = 1; seed <= 3; seed++) {
                error[k] += relativeError(objective, sizes[k], seed) / 3;
            }
        }
        // Measured: about 0.35, 0.24 and 0.14 (the error shrinks like N^-1/2).
        assertThat(error[2]).as("relative error at N = 4000").isLessThan(0.2);
        assertThat(error[1]).as("error falls from N = 500 to 1500").isLessThan(error[0]);
        assertThat(error[2]).as("error falls from N = 1500 to 4000").isLessThan(error[1]);
    }
}
