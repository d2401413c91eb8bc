package org.alws.models.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The synthetic factorisation data against the moments of its generator: binary FLOAT32 pixels with mean 1/2 (the
 * logit of a uniform draw is symmetric), covariance E[p²] − 1/4 between two pixels of one latent, where
 * p = sigmoid(w logit z), computed by Simpson's rule, and none between pixels of different latents.
 */
class MatrixFactorisationDataTest {

    @Test
    void defaultsMatchTheModelsDefaultPixelsAndSplitsAreSeeded() {
        MatrixFactorisationDataProvider p = new MatrixFactorisationDataProvider();
        assertThat(p.name()).isEqualTo("matrix-factorisation");
        MatrixFactorisationDataProvider.Options o = p.defaultOptions();
        assertThat(o).isEqualTo(new MatrixFactorisationDataProvider.Options(784, 10, 4.0, 5000, 1000));
        assertThat(o.pixels()).isEqualTo(new MatrixFactorisationModelProvider().defaultOptions().pixels());
        MatrixFactorisationDataProvider.Options small = new MatrixFactorisationDataProvider.Options(8, 2, 3.0, 30, 10);
        DataSplits a = p.load(small, SeedStream.root(3).child("dataset"));
        DataSplits again = p.load(small, SeedStream.root(3).child("dataset"));
        DataSplits other = p.load(small, SeedStream.root(4).child("dataset"));
        assertThat(a.train().size()).isEqualTo(30);
        assertThat(a.test().size()).isEqualTo(10);
        assertThat(a.train().exampleShape()).isEqualTo(Shape.of(8));
        assertThat(a.train().all().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(again.train().all()).isEqualTo(a.train().all());
        assertThat(other.train().all()).isNotEqualTo(a.train().all());
        assertThat(a.test().all()).isNotEqualTo(a.train().all().rows(0, 10));
    }

    @Test
    void badOptionsNameTheField() {
        assertThatThrownBy(() -> new MatrixFactorisationDataProvider.Options(784, 0, 4, 10, 10))
                .isInstanceOf(ConfigException.class).hasMessage("latent: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new MatrixFactorisationDataProvider.Options(784, 10, 0, 10, 10))
                .isInstanceOf(ConfigException.class).hasMessage("weight: got 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> new MatrixFactorisationDataProvider.Options(784, 10, 4, 10, 0))
                .isInstanceOf(ConfigException.class).hasMessage("testSize: got 0, expected an integer >= 1");
    }

    /** E[sigmoid(w logit z)²] for z ~ U(0, 1), by composite Simpson's rule on 20,001 points. */
    private static double secondMoment(double w) {
        int points = 20_001;
        double h = 1.0 / (points - 1);
        double total = 0;
        for (int i = 0; i < points; i++) {
            double z = i * h;
            double p = z == 0 ? 0 : z == 1 ? 1 : Math.pow(z, w) / (Math.pow(z, w) + Math.pow(1 - z, w));
            double weight = i == 0 || i == points - 1 ? 1 : (i % 2 == 1 ? 4 : 2);
            total += weight * p * p;
        }
        return total * h / 3;
    }

    @Test
    void pixelMomentsMatchTheGenerator() {
        double w = 4.0;
        int d = 6;
        int k = 3;
        int n = 40_000;
        HostArray x = MatrixFactorisationDataProvider.generate(new MatrixFactorisationDataProvider.Options(d, k, w,
                1, 1), n, new SplittableRandom(8));
        assertThat(x.shape()).isEqualTo(Shape.of(n, d));
        double[] v = x.doubles();
        for (double e : v) {
            assertThat(e).isIn(0.0, 1.0);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                mean[p] += v[i * d + p] / n;
            }
        }
        for (int p = 0; p < d; p++) {
            assertThat(mean[p]).as("mean of pixel %d", p).isCloseTo(0.5, within(5 * 0.5 / Math.sqrt(n)));
        }
        double sameLatent = secondMoment(w) - 0.25;
        assertThat(sameLatent).as("covariance of two pixels of one latent").isGreaterThan(0.1);
        // Pixels 0 and 3 share latent 0; pixels 0 and 1 do not.
        assertCovariance(v, d, n, 0, 3, sameLatent);
        assertCovariance(v, d, n, 1, 4, sameLatent);
        assertCovariance(v, d, n, 0, 1, 0.0);
        assertCovariance(v, d, n, 2, 4, 0.0);
    }

    private static void assertCovariance(double[] v, int d, int n, int a, int b, double expected) {
        double[] products = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            products[i] = (v[i * d + a] - 0.5) * (v[i * d + b] - 0.5);
            mean += products[i] / n;
        }
        double var = 0;
        for (double p : products) {
            var += (p - mean) * (p - mean) / (n - 1);
        }
        assertThat(mean).as("covariance of pixels %d and %d", a, b)
                .isCloseTo(expected, within(5 * Math.sqrt(var / n)));
    }
}
