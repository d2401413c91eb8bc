package org.alws.models.pinwheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Locale;

import org.alws.api.ConfigException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.DataSplits;
import org.alws.api.model.FigureContext;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pinwheel data set: the reference's settings by default, draws of the documented distribution, seeded, and the
 * likelihood file a run ends with (the generator's exact held-out log-likelihood beside the model's estimate).
 */
class PinwheelDataTest {
    private final PinwheelDataProvider provider = new PinwheelDataProvider();

    @Test
    void defaultsAreTheReferenceSettings() {
        assertThat(provider.name()).isEqualTo("pinwheel");
        assertThat(provider.priority()).isLessThan(10);
        assertThat(provider.defaultOptions()).isEqualTo(new PinwheelDataProvider.Options(5, 0.3, 0.1, 0.2, 2500,
                1000));
        assertThat(provider.defaultOptions().distribution()).isEqualTo(new Pinwheel(5, 0.3, 0.1, 0.2));
    }

    @Test
    void splitsAreSeededDrawsOfTheDistribution() {
        PinwheelDataProvider.Options o = new PinwheelDataProvider.Options(5, 0.3, 0.1, 0.2, 300, 100);
        SeedStream seeds = SeedStream.root(6).child("dataset");
        DataSplits d = provider.load(o, seeds);
        assertThat(d.train().all().shape()).isEqualTo(Shape.of(300, 2));
        assertThat(d.test().all().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(d.train().all().doubles()).isEqualTo(o.distribution().sample(300, seeds.child("train").random(0)));
        assertThat(d.test().all().doubles()).isEqualTo(o.distribution().sample(100, seeds.child("test").random(0)));
        assertThat(provider.load(o, SeedStream.root(7).child("dataset")).train().all()).isNotEqualTo(d.train().all());
        for (double ll : o.distribution().logDensity(d.test().all().doubles())) {
            assertThat(ll).isFinite();
        }
    }

    @Test
    void theRunsLikelihoodFileComparesTheModelWithTheGenerator(@TempDir Path tmp) throws Exception {
        PinwheelDataProvider.Options o = new PinwheelDataProvider.Options(5, 0.3, 0.1, 0.2, 50, 30);
        SeedStream seeds = SeedStream.root(6).child("dataset");
        DataSplits d = provider.load(o, seeds);
        PinwheelModel model = new PinwheelModel(3, 5, 0.5, 0.3, -1.0);
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(2).child("init"), "model/");
            ModelStructure.inspect(model, p);
            SeedStream figures = SeedStream.root(6).child("figures");
            provider.drawFigures(new FigureContext(tmp, ws, model, p, d, o, seeds, figures));
            double truth = PinwheelDataProvider.generatorLogLikelihood(o, d, 1000);
            double sum = 0;
            for (double v : o.distribution().logDensity(d.test().all().doubles())) {
                sum += v / 30;
            }
            assertThat(truth).isCloseTo(sum, within(1e-12));
            double estimate = model.parameters(p.values()).likelihood(2000).meanLogLikelihood(
                    d.test().all().doubles(), figures.random(0));
            assertThat(tmp.resolve(PinwheelDataProvider.LIKELIHOOD_FILE)).content().isEqualTo(String.format(
                    Locale.ROOT, "held-out log-likelihood per point, first 30 test points%ndata generator (exact, "
                    + "change of variables): %.5f%nmodel (importance sampling, 2000 samples per point): %.5f%n"
                    + "relative gap: %.2f%%%n", truth, estimate, 100 * (truth - estimate) / Math.abs(truth)));
        }
    }

    @Test
    void badOptionsNameTheField() {
        assertThatThrownBy(() -> new PinwheelDataProvider.Options(5, 0.3, 0.1, 0.2, 0, 10))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("trainSize: got 0");
        assertThatThrownBy(() -> new PinwheelDataProvider.Options(5, 0.3, -0.1, 0.2, 10, 10))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tangentialStd: got -0.1");
    }
}
