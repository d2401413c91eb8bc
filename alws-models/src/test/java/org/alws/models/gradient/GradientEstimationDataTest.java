package org.alws.models.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.ConfigException;
import org.alws.api.data.DataSplits;
import org.alws.api.plugin.PluginKind;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

class GradientEstimationDataTest {

    private final GradientEstimationDataProvider provider = new GradientEstimationDataProvider();

    @Test
    void defaultsAndDescriptor() {
        GradientEstimationDataProvider.Options o = provider.defaultOptions();
        assertThat(provider.name()).isEqualTo("gradient-estimation");
        assertThat(provider.kind()).isEqualTo(PluginKind.DATASET);
        assertThat(o.b()).containsExactly(1.0, 0.5);
        assertThat(o.sigmaX()).isEqualTo(0.5);
        assertThat(o.trainSize()).isEqualTo(5000);
        assertThat(o.testSize()).isEqualTo(1000);
        assertThatThrownBy(() -> new GradientEstimationDataProvider.Options(new double[] {1, 0}, 0.5, 0, 10))
                .isInstanceOf(ConfigException.class).hasMessage("trainSize: got 0, expected an integer >= 1");
    }

    @Test
    void splitsHaveTheRequestedSizesAndScalarExamples() {
        DataSplits s = provider.load(provider.defaultOptions(), SeedStream.root(1).child("data"));
        assertThat(s.train().size()).isEqualTo(5000);
        assertThat(s.test().size()).isEqualTo(1000);
        assertThat(s.train().exampleShape()).isEqualTo(Shape.of(1));
        assertThat(s.train().all().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(s.train().all().allFinite()).isTrue();
        assertThat(s.train().all().rows(0, 1000)).isNotEqualTo(s.test().all());
    }

    @Test
    void sameSeedSameDataAndDifferentSeedDifferentData() {
        GradientEstimationDataProvider.Options o = new GradientEstimationDataProvider.Options(
                new double[] {1, 0.5}, 0.5, 300, 100);
        DataSplits a = provider.load(o, SeedStream.root(42).child("data"));
        DataSplits b = provider.load(o, SeedStream.root(42).child("data"));
        DataSplits c = provider.load(o, SeedStream.root(43).child("data"));
        assertThat(a.train().all()).isEqualTo(b.train().all());
        assertThat(a.test().all()).isEqualTo(b.test().all());
        assertThat(a.train().all()).isNotEqualTo(c.train().all());
        assertThat(a.test().all()).isNotEqualTo(c.test().all());
    }

    @Test
    void sampleMomentsMatchTheExactMomentsByQuadrature() {
        for (double[] setting : new double[][] {{1, 0.5, 0.5}, {2, -1, 0.1}, {0.2, 0.1, 0.1}}) {
            double[] b = {setting[0], setting[1]};
            double sigma = setting[2];
            int n = 200_000;
            GradientEstimationDataProvider.Options o = new GradientEstimationDataProvider.Options(b, sigma, n, 1);
            double[] x = provider.load(o, SeedStream.root(9).child("data")).train().all().doubles();
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= n;
            double m2 = 0;
            double m4 = 0;
            for (double v : x) {
                double d = (v - mean) * (v - mean);
                m2 += d;
                m4 += d * d;
            }
            m2 /= n;
            m4 /= n;
            GradientEstimationMarginal exact = new GradientEstimationMarginal(b, sigma);
            double seMean = Math.sqrt(exact.variance() / n);
            double seVariance = Math.sqrt((m4 - m2 * m2) / n);
            assertThat(Math.abs(mean - exact.mean())).as("mean at %s", java.util.Arrays.toString(setting))
                    .isLessThan(4.5 * seMean);
            assertThat(Math.abs(m2 - exact.variance())).as("variance at %s", java.util.Arrays.toString(setting))
                    .isLessThan(4.5 * seVariance);
            // The second moment about zero too, as the brief states it: E[x²] = E[(softplus(‖b‖u) − ‖b‖²)²] + σ².
            assertThat(Math.abs(m2 + mean * mean - exact.secondMoment())).isLessThan(
                    4.5 * (seVariance + 2 * Math.abs(mean) * seMean));
        }
    }
}
