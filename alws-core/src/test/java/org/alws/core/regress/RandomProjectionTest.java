package org.alws.core.regress;

import static org.alws.core.regress.RegressionFixture.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.regress.GaussianInputs;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.kernel.GaussianKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code projection} feature map: features of a fixed random projection standardised per batch (the default),
 * by the sleep inputs' statistics, or not at all.
 */
class RandomProjectionTest {
    private RegressionFixture fx;

    @BeforeEach
    void open() {
        fx = new RegressionFixture();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private HostArray map(RandomProjection p, HostArray x, long seed) {
        return fx.run(List.of(x), (ops, in) -> List.of(p.apply(in.get(0), fx.context(ops, seed, seed))))[0];
    }

    @Test
    void everyFeatureIsStandardisedOverTheBatch() {
        SplittableRandom r = new SplittableRandom(31);
        HostArray x = uniform(r, 200, 10, -3, 5);
        HostArray f = map(new RandomProjection(7), x, 1);
        assertThat(f.shape()).isEqualTo(Shape.of(200, 7));
        for (int j = 0; j < 7; j++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < 200; i++) {
                mean += f.get(i * 7 + j) / 200;
                square += f.get(i * 7 + j) * f.get(i * 7 + j) / 200;
            }
            assertThat(mean).as("mean of feature %d", j).isCloseTo(0, within(1e-12));
            // ε = 1e-6 × the mean variance shrinks the variance by about 1e-6.
            assertThat(square - mean * mean).as("variance of feature %d", j).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void theProjectionIsTheSameInEveryFitWhateverTheSeed() {
        HostArray x = uniform(new SplittableRandom(32), 30, 4, -1, 1);
        RandomProjection p = new RandomProjection(5);
        HostArray first = map(p, x, 1);
        assertThat(map(p, x, 2)).isEqualTo(first);
        assertThat(map(new RandomProjection(5), x, 3)).isEqualTo(first);
        assertThat(map(new RandomProjection(6), x, 1).doubles()).isNotEqualTo(first.doubles());
    }

    /**
     * Each batch is standardised by its own statistics, so a batch and its affine image a·x + c (a > 0) have the same
     * features: queries are matched to the sleep inputs' first two moments, feature by feature.
     */
    @Test
    void eachBatchUsesItsOwnStatistics() {
        SplittableRandom r = new SplittableRandom(33);
        HostArray x = uniform(r, 40, 3, -1, 1);
        double[] moved = x.doubles().clone();
        double[] shift = {4, -7, 0.5};
        for (int i = 0; i < moved.length; i++) {
            moved[i] = 3.5 * moved[i] + shift[i % 3];
        }
        RandomProjection p = new RandomProjection(6);
        assertThat(map(p, HostArray.of(x.shape(), moved), 1).doubles()).containsExactly(map(p, x, 1).doubles(),
                within(1e-9));
        // A batch of one point has no spread: it maps to zeros.
        HostArray single = map(p, x.rows(0, 1), 1);
        assertThat(single.doubles()).containsOnly(0.0);
    }

    @Test
    void theWeightsAreNormalWithVarianceOneOverTheFeatureCount() {
        RandomProjection p = new RandomProjection(50);
        HostArray w = fx.run(List.of(HostArray.scalar(0)), (ops, in) -> List.of(p.weights(ops, 400, DType.FLOAT64)))[0];
        assertThat(w.shape()).isEqualTo(Shape.of(400, 50));
        double mean = 0;
        double square = 0;
        for (double v : w.doubles()) {
            mean += v / w.size();
            square += v * v / w.size();
        }
        // 20,000 draws of sd 0.14: the standard error of the mean is 1e-3, that of the variance 1% of it.
        assertThat(mean).isCloseTo(0, within(0.005));
        assertThat(square * 50).isCloseTo(1, within(0.05));
    }

    @Test
    void featureMapsOfferTheProjection() {
        assertThat(FeatureMaps.create("featureMap", "projection", 7)).isInstanceOf(RandomProjection.class)
                .satisfies(m -> assertThat(((RandomProjection) m).dimension()).isEqualTo(7));
        assertThat(FeatureMaps.kinds()).contains("projection");
        assertThatThrownBy(() -> FeatureMaps.create("featureMap", "pca", 7)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("featureMap: got 'pca', expected one of identity, ")
                .hasMessageContaining("projection");
    }

    /** The sleep inputs' features and their queries' features, from one fit of {@code p} on {@code sleep}. */
    private HostArray[] fitted(RandomProjection p, HostArray sleep, HostArray queries) {
        return fx.run(List.of(sleep, queries), (ops, in) -> {
            FeatureMap.Fitted f = p.fit(in.get(0), fx.context(ops, 1, 1));
            return List.of(f.features(), f.queries().apply(in.get(1)));
        });
    }

    /**
     * With {@code sleep} statistics the sleep inputs are standardised as with {@code batch}, and each query is mapped
     * by the same affine map: a query's features are those it has as a row of the sleep batch, whatever the other
     * queries, and an affine image of the sleep inputs is no longer mapped onto the same features.
     */
    @Test
    void sleepStatisticsMapEveryQueryByTheSleepInputsAffineMap() {
        SplittableRandom r = new SplittableRandom(34);
        HostArray x = uniform(r, 60, 5, -2, 3);
        RandomProjection sleep = new RandomProjection(4, FeatureStandardisation.SLEEP);
        RandomProjection batch = new RandomProjection(4);
        HostArray[] own = fitted(sleep, x, x);
        assertThat(own[0].doubles()).containsExactly(map(batch, x, 1).doubles(), within(1e-12));
        assertThat(own[1].doubles()).containsExactly(own[0].doubles(), within(1e-12));
        HostArray[] single = fitted(sleep, x, x.rows(7, 8));
        assertThat(single[1].doubles()).as("one query, mapped as row 7 of the sleep batch")
                .containsExactly(java.util.Arrays.copyOfRange(own[0].doubles(), 7 * 4, 8 * 4), within(1e-12));
        assertThat(fitted(batch, x, x.rows(7, 8))[1].doubles()).as("per batch, a single query maps to zeros")
                .containsOnly(0.0);
        double[] moved = x.doubles().clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] = 2 * moved[i] + 1;
        }
        HostArray[] shifted = fitted(sleep, x, HostArray.of(x.shape(), moved));
        HostArray[] shiftedPerBatch = fitted(batch, x, HostArray.of(x.shape(), moved));
        assertThat(shiftedPerBatch[1].doubles()).containsExactly(own[0].doubles(), within(1e-9));
        for (int i = 0; i < own[0].size(); i++) {
            // f(2x + 1) = 2 f(x) + c for the affine map f(q) = (q W − μ) s fitted on x, with c = (1ᵀW + μ) s per feature.
            assertThat(shifted[1].get(i) - 2 * own[0].get(i)).as("element %d", i)
                    .isCloseTo(shifted[1].get(i % 4) - 2 * own[0].get(i % 4), within(1e-9));
        }
    }

    @Test
    void withoutStandardisationTheFeaturesAreTheProjection() {
        HostArray x = uniform(new SplittableRandom(35), 20, 3, -1, 1);
        RandomProjection none = new RandomProjection(4, FeatureStandardisation.NONE);
        HostArray[] out = fx.run(List.of(x), (ops, in) -> List.of(none.apply(in.get(0), fx.context(ops, 1, 1)),
                none.weights(ops, 3, DType.FLOAT64)));
        double[][] expected = RegressionFixture.multiply(RegressionFixture.matrix(x.doubles(), 20, 3),
                RegressionFixture.matrix(out[1].doubles(), 3, 4));
        assertThat(out[0].doubles()).containsExactly(RegressionFixture.flatten(expected), within(1e-12));
        assertThat(none).hasToString("projection(4, none)");
        assertThat(new RandomProjection(4)).hasToString("projection(4)");
    }

    /** Features of an undrawn Gaussian draw of {@code n} rows of mean m and scale s, with the projection's weights. */
    private HostArray[] gaussianFeatures(RandomProjection p, double[] m, double[] s, int n) {
        double[] means = new double[n * m.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m, 0, means, i * m.length, m.length);
        }
        return fx.run(List.of(HostArray.of(Shape.of(n, m.length), means), HostArray.vector(s)), (ops, in) -> {
            GaussianInputs g = new GaussianInputs(in.get(0), in.get(1),
                    ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {7, 8})));
            return List.of(p.fit(g, fx.context(ops, 1, 1)).features(), p.fit(g.draw(), fx.context(ops, 1, 1))
                    .features(), p.weights(ops, m.length, DType.FLOAT64));
        });
    }

    /**
     * The projection of x = m + s ⊙ ε drawn in feature space has the moments of the projected draw: mean m W and
     * covariance Wᵀ diag(s²) W, each within 4.5 standard errors over 20,000 draws.
     */
    @Test
    void theFeaturesOfAGaussianDrawHaveTheMomentsOfTheProjectedDraw() {
        int n = 20_000;
        int d = 12;
        int f = 4;
        SplittableRandom r = new SplittableRandom(41);
        double[] m = new double[d];
        double[] s = new double[d];
        for (int k = 0; k < d; k++) {
            m[k] = r.nextDouble(-2, 2);
            s[k] = r.nextDouble(0.2, 1.5);
        }
        HostArray[] out = gaussianFeatures(new RandomProjection(f, FeatureStandardisation.NONE), m, s, n);
        double[] h = out[0].doubles();
        double[] w = out[2].doubles();
        double[] mean = new double[f];
        double[][] covariance = new double[f][f];
        for (int j = 0; j < f; j++) {
            for (int k = 0; k < d; k++) {
                mean[j] += m[k] * w[k * f + j];
                for (int l = 0; l < f; l++) {
                    covariance[j][l] += w[k * f + j] * s[k] * s[k] * w[k * f + l];
                }
            }
        }
        double[] sampleMean = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                sampleMean[j] += h[i * f + j] / n;
            }
        }
        for (int j = 0; j < f; j++) {
            assertThat(sampleMean[j]).as("mean of feature %d", j)
                    .isCloseTo(mean[j], within(4.5 * Math.sqrt(covariance[j][j] / n)));
            for (int l = 0; l < f; l++) {
                double c = 0;
                for (int i = 0; i < n; i++) {
                    c += (h[i * f + j] - sampleMean[j]) * (h[i * f + l] - sampleMean[l]) / n;
                }
                double error = Math.sqrt((covariance[j][j] * covariance[l][l] + covariance[j][l] * covariance[j][l])
                        / n);
                assertThat(c).as("covariance of features %d and %d", j, l)
                        .isCloseTo(covariance[j][l], within(4.5 * error));
            }
        }
        assertThat(out[0].doubles()).as("not the projection of the inputs' own draw")
                .isNotEqualTo(out[1].doubles());
    }

    /** Inputs narrower than twice the features are drawn as they are: the features of the draw itself. */
    @Test
    void narrowGaussianInputsAreDrawnAsTheyAre() {
        double[] m = {0.5, -1, 2, 0, 1, -0.5, 0.25};
        double[] s = {1, 0.5, 2, 1, 0.3, 0.7, 1.1};
        for (FeatureStandardisation standardisation : FeatureStandardisation.values()) {
            HostArray[] out = gaussianFeatures(new RandomProjection(4, standardisation), m, s, 30);
            assertThat(out[0].doubles()).as("%s", standardisation).containsExactly(out[1].doubles());
        }
    }

    /**
     * A regressor passes the option on and fits the map once: with sleep statistics the smoother's weights of one
     * query are its row among several queries (with per-batch statistics they are not: it maps to zero alone).
     */
    @Test
    void kernelRidgeRegressionOnSleepStandardisedFeaturesWeighsEachQueryOnItsOwn() {
        SplittableRandom r = new SplittableRandom(36);
        HostArray xs = uniform(r, 40, 6, -2, 2);
        HostArray xq = uniform(r, 3, 6, -2, 2);
        KernelRidgeOptions options = KernelRidgeOptions.defaults().withFeatureMap(FeatureMaps.PROJECTION, 5);
        KernelRidgeRegressor sleep = new KernelRidgeRegressor(options.withFeatureStandardisation(
                FeatureStandardisation.SLEEP), new GaussianKernel());
        KernelRidgeRegressor batch = new KernelRidgeRegressor(options, new GaussianKernel());
        assertThat(sleep).hasToString("krr(gaussian, λ=1.0, bandwidth=median, featureMap=projection(5, sleep))");
        assertThat(batch).hasToString("krr(gaussian, λ=1.0, bandwidth=median, featureMap=projection)");
        for (KernelRidgeRegressor krr : List.of(sleep, batch)) {
            HostArray[] out = fx.run(List.of(xs, xq), (ops, in) -> {
                LinearSmoother s = krr.fit(in.get(0), fx.context(ops, 1, 1));
                Tensor q = in.get(1);
                return List.of(s.weights(q), s.weights(ops.slice(q, new long[] {1, 0}, new long[] {1, 6})));
            });
            double[] row = java.util.Arrays.copyOfRange(out[0].doubles(), 40, 80);
            if (krr == sleep) {
                assertThat(out[1].doubles()).containsExactly(row, within(1e-12));
            } else {
                assertThat(RegressionFixture.relativeError(out[1].doubles(), row)).isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void featureMapsPassTheStandardisationToTheProjection() {
        assertThat(FeatureMaps.create("featureMap", "projection", 7, FeatureStandardisation.SLEEP))
                .isInstanceOf(RandomProjection.class)
                .satisfies(m -> assertThat(((RandomProjection) m).standardisation())
                        .isEqualTo(FeatureStandardisation.SLEEP));
        assertThat(((RandomProjection) FeatureMaps.create("featureMap", "projection", 7)).standardisation())
                .isEqualTo(FeatureStandardisation.BATCH);
        assertThatThrownBy(() -> KernelRidgeOptions.defaults().withFeatureStandardisation(null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("featureStandardisation: got null, expected one of batch, sleep, none");
    }
}
