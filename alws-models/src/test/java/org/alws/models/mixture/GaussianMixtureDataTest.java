package org.alws.models.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.data.DataSplits;
import org.alws.api.plugin.PluginKind;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The mixture data set: its options, its documented true generator, the component frequencies of the generator's
 * draws against its weights, and the true generator's held-out log-likelihood against clearly wrong parameters.
 */
class GaussianMixtureDataTest {

    private final GaussianMixtureDataProvider provider = new GaussianMixtureDataProvider();

    @Test
    void defaultsDescriptorAndValidation() {
        GaussianMixtureDataProvider.Options o = provider.defaultOptions();
        assertThat(provider.name()).isEqualTo("gaussian-mixture");
        assertThat(provider.kind()).isEqualTo(PluginKind.DATASET);
        assertThat(o).isEqualTo(new GaussianMixtureDataProvider.Options(5, 4.0, 5000, 1000));
        assertThatThrownBy(() -> new GaussianMixtureDataProvider.Options(0, 4, 10, 10))
                .isInstanceOf(ConfigException.class).hasMessage("components: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new GaussianMixtureDataProvider.Options(5, -1, 10, 10))
                .isInstanceOf(ConfigException.class).hasMessage("radius: got -1.0, expected a finite number > 0");
        assertThatThrownBy(() -> new GaussianMixtureDataProvider.Options(5, 4, 0, 10))
                .isInstanceOf(ConfigException.class).hasMessage("trainSize: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new GaussianMixtureDataProvider.Options(5, 4, 10, 0))
                .isInstanceOf(ConfigException.class).hasMessage("testSize: got 0, expected an integer >= 1");
    }

    @Test
    void splitsHaveTheRequestedSizesAndDependOnTheSeed() {
        DataSplits s = provider.load(provider.defaultOptions(), SeedStream.root(1).child("data"));
        assertThat(s.train().size()).isEqualTo(5000);
        assertThat(s.test().size()).isEqualTo(1000);
        assertThat(s.train().exampleShape()).isEqualTo(Shape.of(2));
        assertThat(s.train().all().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(s.train().all().rows(0, 1000)).isNotEqualTo(s.test().all());
        DataSplits same = provider.load(provider.defaultOptions(), SeedStream.root(1).child("data"));
        DataSplits other = provider.load(provider.defaultOptions(), SeedStream.root(2).child("data"));
        assertThat(same.train().all()).isEqualTo(s.train().all());
        assertThat(other.train().all()).isNotEqualTo(s.train().all());
    }

    @Test
    void theTrueGeneratorIsTheDocumentedMixture() {
        GaussianMixtureParameters g = GaussianMixtureDataProvider.groundTruth(provider.defaultOptions());
        assertThat(g.components()).isEqualTo(5);
        assertThat(g.dimension()).isEqualTo(2);
        assertThat(g.weights()).containsExactly(new double[] {1 / 15.0, 2 / 15.0, 3 / 15.0, 4 / 15.0, 5 / 15.0},
                within(1e-15));
        double[] mu = g.means();
        double[] sd = g.scales();
        for (int k = 0; k < 5; k++) {
            assertThat(Math.hypot(mu[2 * k], mu[2 * k + 1])).isCloseTo(4.0, within(1e-14));
            assertThat(Math.atan2(mu[2 * k + 1], mu[2 * k])).isCloseTo(
                    Math.IEEEremainder(2 * Math.PI * k / 5, 2 * Math.PI), within(1e-14));
            assertThat(sd[2 * k]).isCloseTo(0.3 + 0.075 * k, within(1e-15));
            assertThat(sd[2 * k + 1]).isCloseTo(0.6 - 0.075 * k, within(1e-15));
        }
        // One component: weight 1, scales (0.3, 0.6).
        GaussianMixtureParameters one = GaussianMixtureDataProvider.groundTruth(
                new GaussianMixtureDataProvider.Options(1, 2.0, 10, 10));
        assertThat(one.weights()).containsExactly(1.0);
        assertThat(one.means()).containsExactly(2.0, 0.0);
        assertThat(one.scales()).containsExactly(new double[] {0.3, 0.6}, within(1e-15));
    }

    @Test
    void componentFrequenciesMatchTheWeightsAndTheComponentsAreWellSeparated() {
        GaussianMixtureParameters g = GaussianMixtureDataProvider.groundTruth(provider.defaultOptions());
        int n = 100_000;
        GaussianMixtureParameters.Sample s = g.sample(n, new SplittableRandom(21));
        long[] counts = new long[5];
        for (int k : s.components()) {
            counts[k]++;
        }
        assertThat(GaussianMixtureParametersTest.chiSquare(counts, g.weights()))
                .as("chi-square of the component counts %s", java.util.Arrays.toString(counts))
                .isLessThan(GaussianMixtureParametersTest.chiSquareBound(4));
        // Well separated: the posterior recovers the drawing component for (almost) every point.
        double[] r = g.responsibilities(s.data()).doubles();
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < 5; k++) {
                if (r[5 * i + k] > r[5 * i + best]) {
                    best = k;
                }
            }
            if (best != s.components()[i]) {
                wrong++;
            }
        }
        assertThat(wrong).as("points assigned to another component").isLessThan(n / 10_000);
    }

    @Test
    void theTrueGeneratorScoresItsOwnHeldOutDataAboveClearlyWrongParameters() {
        GaussianMixtureDataProvider.Options o = provider.defaultOptions();
        HostArray test = provider.load(o, SeedStream.root(3).child("data")).test().all();
        GaussianMixtureParameters truth = GaussianMixtureDataProvider.groundTruth(o);
        double trueLl = truth.meanLogLikelihood(test);
        double[] perPoint = GaussianMixtureDataProvider.trueLogLikelihood(o, test);
        assertThat(perPoint).hasSize(1000);
        double mean = 0;
        for (double v : perPoint) {
            mean += v / perPoint.length;
        }
        assertThat(mean).isCloseTo(trueLl, within(1e-12));
        // The same number through the model's ExactLikelihood at the generator's parameters.
        GaussianMixtureModel model = new GaussianMixtureModel(5, 2, 1.0, 0.0);
        assertThat(model.logLikelihood(test, truth.toMap())).containsExactly(perPoint);

        double[] w = truth.weights();
        double[] mu = truth.means();
        double[] sd = truth.scales();
        double[] equal = {0.2, 0.2, 0.2, 0.2, 0.2};
        double[] wide = sd.clone();
        double[] rotated = new double[10];
        for (int k = 0; k < 5; k++) {
            wide[2 * k] *= 3;
            wide[2 * k + 1] *= 3;
            double a = 2 * Math.PI * (k + 0.5) / 5;
            rotated[2 * k] = 4 * Math.cos(a);
            rotated[2 * k + 1] = 4 * Math.sin(a);
        }
        GaussianMixtureParameters[] wrong = {
            GaussianMixtureParameters.ofWeights(5, 2, equal, mu, sd),
            GaussianMixtureParameters.ofWeights(5, 2, w, mu, wide),
            GaussianMixtureParameters.ofWeights(5, 2, w, rotated, sd),
            GaussianMixtureParameters.ofWeights(1, 2, new double[] {1}, new double[] {0, 0}, new double[] {3, 3}),
        };
        String[] what = {"equal weights", "three times the scales", "means rotated by pi/5",
            "one broad Gaussian"};
        for (int i = 0; i < wrong.length; i++) {
            assertThat(trueLl).as("true generator's held-out log-likelihood vs %s", what[i])
                    .isGreaterThan(wrong[i].meanLogLikelihood(test) + 0.05);
        }
    }
}
