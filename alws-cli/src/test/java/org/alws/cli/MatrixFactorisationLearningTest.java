package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.alws.AlwsLearner;
import org.alws.core.reconstruct.Denoising;
import org.alws.core.reconstruct.DenoisingOptions;
import org.alws.core.reconstruct.MapEstimator;
import org.alws.core.reconstruct.MapOptions;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.TrainingOptions;
import org.alws.core.train.TrainingRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The learners that apply to {@code matrix-factorisation} (ALWS on its exponential-family path; VAE and RWS with the
 * model's logit-normal guide) each learn a small synthetic instance (k = 4 latents, 32 pixels, data from the
 * {@code matrix-factorisation} generator): from the same initialisation, 300 steps raise the held-out log-likelihood
 * (estimated by averaging p(x | z) over prior draws, the same draws before and after) by more than 3 nats per image
 * and lower the MAP denoising error.
 */
class MatrixFactorisationLearningTest {
    private static final int TEST_IMAGES = 100;
    private static final int PRIOR_DRAWS = 4000;

    @TempDir
    Path tmp;

    private static RunConfig config(String learner) {
        Map<String, Object> learnerOptions = learner.equals("alws") ? Map.of("sleepSamples", 300) : Map.of();
        return RunConfig.defaults()
                .withModel(new PluginChoice("matrix-factorisation", Map.of("latent", 4, "pixels", 32,
                        "guideHidden", 50)))
                .withData(new PluginChoice("matrix-factorisation", Map.of("latent", 4, "pixels", 32,
                        "trainSize", 1000, "testSize", TEST_IMAGES)))
                .withLearner(new PluginChoice(learner, learnerOptions))
                .withOptimizer(new PluginChoice("adam", Map.of("learningRate", 0.02)))
                .withTraining(new TrainingOptions(300, 50, 50, 300, 0, 0, 1));
    }

    /** Held-out log p(x) per image, estimated by log mean_k p(x | z_k) over prior draws z_k, averaged over images. */
    private static double heldOutLogLikelihood(TrainingRun run, HostArray test) {
        Shape event = test.shape().tail(1);
        CompiledFunction f = run.workspace().compile("test/prior-loglik", List.of(new TensorSpec(event.prepend(1),
                test.dtype()), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Tensor x = ops.broadcastTo(in.get(0), event.prepend(PRIOR_DRAWS));
                    TraceResult r = Traces.run(run.model(), ops, run.modelParameters(), PRIOR_DRAWS, Map.of("x", x),
                            in.get(1));
                    return List.of(r.logLikelihood().logMeanExp(0));
                });
        double total = 0;
        for (int i = 0; i < TEST_IMAGES; i++) {
            List<DeviceArray> out = f.call(test.rows(i, i + 1), SeedStream.root(5).child("prior").statelessSeed(i));
            total += out.get(0).toHost().scalarValue();
            out.forEach(DeviceArray::close);
        }
        return total / TEST_IMAGES;
    }

    private static double denoisingMse(TrainingRun run, HostArray test) {
        DenoisingOptions o = new DenoisingOptions(TEST_IMAGES, 0.1, 3, new MapOptions(200, 0.05, 1000));
        MapEstimator e = new MapEstimator(run.workspace(), run.model(), run.modelParameters(), o.map());
        return Denoising.run(e, test, o).denoising().mean();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alws", "vae", "rws"})
    void learnerRaisesTheHeldOutLikelihoodAndLowersTheDenoisingError(String learner) {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        try (TrainingRun run = TrainingRun.open(ResolvedRun.resolve(registry, config(learner)))) {
            if (run.learner() instanceof AlwsLearner alws) {
                assertThat(alws.usesExponentialFamily(run.context().structure()))
                        .as("ALWS takes the exponential-family path of the Bernoulli observation").isTrue();
            }
            run.initialiseFromData();
            HostArray test = Denoising.firstImages(run.data().test(), TEST_IMAGES, "the synthetic test split");
            double before = heldOutLogLikelihood(run, test);
            double mseBefore = denoisingMse(run, test);
            List<Double> losses = new ArrayList<>();
            run.train(RunDirectory.create(tmp, learner), 0, List.of(new org.alws.api.event.TrainingListener() {
                @Override
                public void onStep(org.alws.api.event.StepEvent event) {
                    losses.add(event.loss());
                }
            }));
            double after = heldOutLogLikelihood(run, test);
            double mseAfter = denoisingMse(run, test);
            System.out.printf("%s: held-out log p(x) %.3f -> %.3f; denoising MSE %.4f -> %.4f; loss %.3f -> %.3f%n",
                    learner, before, after, mseBefore, mseAfter, mean(losses.subList(0, 20)),
                    mean(losses.subList(losses.size() - 20, losses.size())));
            assertThat(losses).hasSize(300).allSatisfy(l -> assertThat(l).isFinite());
            assertThat(after).as("%s: held-out log-likelihood after training vs before (%s)", learner, before)
                    .isGreaterThan(before + 3);
            assertThat(mseAfter).as("%s: denoising MSE after training vs before (%s)", learner, mseBefore)
                    .isLessThan(mseBefore);
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
