package org.alws.models.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.models.mixture.GaussianMixtureModel;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * The {@code orientation-ks} metric: it is the Kolmogorov–Smirnov statistic of the orientations of the model's mean
 * images (recomputed here from the same draws), the held-out Gabors' own statistic is below the 5% critical value,
 * and models that do not draw images are refused with a message naming their observed shape.
 */
class OrientationUniformityTest {

    private record Context(GenerativeModel model, Parameters modelParameters, Workspace workspace, Dataset data,
            Dataset trainingData, SeedStream seeds) implements EvaluationContext {
    }

    @Test
    void theStatisticIsThatOfTheModelsMeanImagesAndTheDataIsUniform() {
        GaborDataProvider.Options options = new GaborDataProvider.Options(1.0, 0.3, 0.8, 0.0, 0.0, 10, 600);
        DataSplits data = new GaborDataProvider().load(options, SeedStream.root(2));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            GaborRingModel model = new GaborRingModel(List.of(8, 4), 0.0);
            SeedStream seeds = SeedStream.root(4).child("eval");
            Map<String, Double> result = new OrientationUniformityProvider().create(
                    new OrientationUniformityProvider.Options(600)).evaluate(new Context(model, p, ws, data.test(),
                            data.train(), seeds));
            double[] orientations = MeanImages.sample(ws, model, p, 600, seeds.child(OrientationUniformity.NAME))
                    .orientations();
            assertThat(result).containsOnlyKeys(OrientationUniformity.KS, OrientationUniformity.DATA_KS);
            assertThat(result.get(OrientationUniformity.KS))
                    .isEqualTo(KolmogorovSmirnov.againstUniform(orientations, 0, Math.PI));
            assertThat(result.get(OrientationUniformity.DATA_KS)).isLessThan(KolmogorovSmirnov.criticalValue05(600));
        }
    }

    @Test
    void modelsWithoutImagesAreRefused() {
        DataSplits data = new GaborDataProvider().load(new GaborDataProvider.Options(1.0, 0.3, 0.8, 0.0, 0.0, 10,
                10), SeedStream.root(2));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            Context c = new Context(new GaussianMixtureModel(3, 2, 1.0, 0.0), p, ws, data.test(), data.train(),
                    SeedStream.root(1));
            assertThatThrownBy(() -> new OrientationUniformity(10).evaluate(c))
                    .isInstanceOf(IncompatibleModelException.class).hasMessage("orientations are measured on "
                            + "grayscale images [H, W] or [H, W, 1] of at least 5x5 pixels, but the model's observed "
                            + "site has shape [2] per draw");
        }
        assertThatThrownBy(() -> new OrientationUniformityProvider.Options(0)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("samples: got 0");
    }
}
