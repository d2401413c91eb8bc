package org.alws.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.ConfigException;
import org.alws.api.NumericalException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Normal;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.alws.AlwsLearner;
import org.alws.core.alws.AlwsOptions;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.kernel.PolynomialKernel;
import org.alws.core.kernel.PolynomialKernelOptions;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * The new regressors inside ALWS (float32, as users run it): a step with each (k-means++ through the host
 * preparation), configuration errors before the first step, and a Gram matrix that no jitter can fix reported on one
 * line naming the regressor and its bandwidth.
 */
class RegressorsInAlwsTest {
    private static final int N = 400;

    /** x | z ~ N(c + z, scale²); scale 0 gives identical sleep inputs (a 0/0 Gram matrix). */
    private static GenerativeModel model(double scale) {
        return t -> {
            Tensor c = t.param("c", Shape.of(1), Initializer.values(1.0));
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 1)), 1.0));
            t.observe("x", Normal.of(z.mul(scale == 0 ? 0 : 1).add(c), scale == 0 ? 1e-20 : scale));
        };
    }

    private static StepResult step(GenerativeModel model, Regressor regressor) {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT32))) {
            StandardLearnerContext ctx = new StandardLearnerContext(ws, model, SeedStream.root(3),
                    new Adam(AdamOptions.defaults()), regressor, Shape.of(1), 20, 1000, 0);
            try (LearnerSession s = new AlwsLearner(AlwsOptions.defaults().withSleepSamples(N)).start(ctx)) {
                double[] x = new double[20];
                java.util.Arrays.fill(x, 1.0);
                return s.step(HostArray.of(Shape.of(20, 1), x), 0);
            }
        }
    }

    @Test
    void eachRegressorTakesAFiniteStep() {
        Regressor[] regressors = {
            new RandomFeatureRegressor(RandomFeatureOptions.defaults().withFeatures(100), new GaussianKernel()),
            new RandomFeatureRegressor(RandomFeatureOptions.defaults(), new GaussianKernel()),
            new NystromRegressor(NystromOptions.defaults().withInducingPoints(50, NystromOptions.UNIFORM),
                    new GaussianKernel()),
            new NystromRegressor(NystromOptions.defaults().withInducingPoints(50, NystromOptions.KMEANS_PLUS_PLUS),
                    new GaussianKernel()),
            new NystromRegressor(NystromOptions.defaults().withInducingPoints(N, NystromOptions.KMEANS_PLUS_PLUS),
                    new GaussianKernel()),
        };
        for (Regressor r : regressors) {
            StepResult result = step(model(1.0), r);
            assertThat(result.finite()).as("step with %s", r).isTrue();
            assertThat(result.metrics()).as("metrics of %s", r).containsKey("bandwidth");
            assertThat(result.metrics()).as("%s needed no jitter", r).doesNotContainKey("jitter");
        }
    }

    @Test
    void moreInducingPointsThanSleepSamplesFailsBeforeTheFirstStep() {
        for (String selection : new String[] {NystromOptions.UNIFORM, NystromOptions.KMEANS_PLUS_PLUS}) {
            Regressor r = new NystromRegressor(NystromOptions.defaults().withInducingPoints(1000, selection),
                    new GaussianKernel());
            assertThatThrownBy(() -> step(model(1.0), r)).isInstanceOf(ConfigException.class)
                    .hasMessage("regressor nystrom: inducingPoints: got 1000, expected at most N = 400 (the sleep"
                            + " samples per fit)");
        }
    }

    @Test
    void randomFeaturesOfAKernelWithoutSpectrumFailBeforeTheFirstStep() {
        Regressor r = new RandomFeatureRegressor(RandomFeatureOptions.defaults(),
                new PolynomialKernel(PolynomialKernelOptions.defaults()));
        assertThatThrownBy(() -> step(model(1.0), r)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("regressor rff: kernel polynomial(p=3, c=1.0) has no spectral density");
    }

    @Test
    void aGramMatrixThatNoJitterFixesIsAOneLineErrorNamingTheRegressorAndTheBandwidth() {
        Regressor[] regressors = {
            new RandomFeatureRegressor(RandomFeatureOptions.defaults(), new GaussianKernel()),
            new RandomFeatureRegressor(RandomFeatureOptions.defaults().withFeatures(50), new GaussianKernel()),
            new NystromRegressor(NystromOptions.defaults().withInducingPoints(50, NystromOptions.KMEANS_PLUS_PLUS),
                    new GaussianKernel()),
        };
        for (Regressor r : regressors) {
            assertThatThrownBy(() -> step(model(0), r)).as("%s on identical sleep inputs", r)
                    .isInstanceOf(NumericalException.class)
                    .hasMessageStartingWith("regressor " + r + ": the smoother of 400 sleep samples is not finite even"
                            + " with jitter 0.1 added to the ridge {bandwidth=0.0};")
                    .hasMessageNotContaining("\n");
        }
    }
}
