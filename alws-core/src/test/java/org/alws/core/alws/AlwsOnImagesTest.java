package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.core.regress.FeatureMaps;
import org.alws.core.regress.FeatureStandardisation;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.core.regress.RandomFeatureOptions;
import org.alws.core.regress.RandomFeatureRegressor;
import org.alws.models.image.Activation;
import org.alws.models.image.DeconvDecoderModel;
import org.alws.models.image.Likelihood;
import org.alws.models.image.MlpDecoderModel;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * ALWS on the image models, as the image experiments run it: exact kernel ridge regression and random Fourier
 * features on a projection of the (flattened) images, on the deconv-decoder's 32×32×1 images and the mlp-decoder's
 * flattened ones, with Gaussian and Bernoulli pixels. Each takes the exponential-family path and a few finite steps
 * that move every parameter.
 */
class AlwsOnImagesTest {
    private static final int SLEEP = 60;
    private static final int BATCH = 6;

    private static Regressor krr() {
        return new KernelRidgeRegressor(KernelRidgeOptions.defaults().withFeatureMap(FeatureMaps.PROJECTION, 16),
                new GaussianKernel());
    }

    private static Regressor rff() {
        return new RandomFeatureRegressor(RandomFeatureOptions.defaults().withFeatures(40)
                .withFeatureMap(FeatureMaps.PROJECTION, 16).withFeatureStandardisation(FeatureStandardisation.SLEEP),
                new GaussianKernel());
    }

    private static DeconvDecoderModel deconv(Likelihood likelihood) {
        return new DeconvDecoderModel(2, List.of(4, 3, 2), likelihood, 0.0, true);
    }

    private static MlpDecoderModel mlp(Likelihood likelihood) {
        return new MlpDecoderModel(2, 8, 1, 784, Activation.RELU, likelihood, 0.0);
    }

    /** Images in [−1, 1] (or binarised) of the given example shape. */
    private static HostArray images(Shape example, boolean binary) {
        SplittableRandom r = new SplittableRandom(11);
        double[] v = new double[BATCH * (int) example.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = binary ? (r.nextDouble() < 0.3 ? 1 : 0) : r.nextDouble(-1, 1);
        }
        return HostArray.of(example.prepend(BATCH), v);
    }

    /** Three ALWS steps; checks them and that every parameter moved. */
    private static void trains(GenerativeModel model, Shape example, Regressor regressor, boolean binary) {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            StandardLearnerContext context = new StandardLearnerContext(ws, model, SeedStream.root(5),
                    new Adam(AdamOptions.defaults()), regressor, example, BATCH, 1000, 0);
            AlwsLearner learner = new AlwsLearner(AlwsOptions.defaults().withSleepSamples(SLEEP));
            assertThat(learner.usesExponentialFamily(context.structure())).isTrue();
            HostArray data = images(example, binary);
            Map<String, HostArray> before;
            try (LearnerSession session = learner.start(context)) {
                before = context.modelParameters().values();
                for (int step = 0; step < 3; step++) {
                    StepResult r = session.step(data, step);
                    assertThat(r.finite()).as("%s, %s, step %d: %s", model, regressor, step, r).isTrue();
                    assertThat(r.metrics().get("bandwidth")).as("bandwidth").isPositive().isFinite();
                }
            }
            Map<String, HostArray> after = context.modelParameters().values();
            assertThat(after.keySet()).isEqualTo(before.keySet());
            for (String name : before.keySet()) {
                assertThat(after.get(name).doubles()).as("parameter %s after three steps", name)
                        .isNotEqualTo(before.get(name).doubles());
            }
        }
    }

    @Test
    void exactKernelRidgeRegressionOnTheDeconvDecodersImages() {
        trains(deconv(Likelihood.GAUSSIAN), DeconvDecoderModel.imageShape(), krr(), false);
    }

    @Test
    void randomFeaturesOnTheDeconvDecodersBinaryImages() {
        trains(deconv(Likelihood.BERNOULLI), DeconvDecoderModel.imageShape(), rff(), true);
    }

    @Test
    void exactKernelRidgeRegressionOnTheMlpDecodersBinaryImages() {
        trains(mlp(Likelihood.BERNOULLI), Shape.of(784), krr(), true);
    }

    @Test
    void randomFeaturesOnTheMlpDecodersImages() {
        trains(mlp(Likelihood.GAUSSIAN), Shape.of(784), rff(), false);
    }
}
