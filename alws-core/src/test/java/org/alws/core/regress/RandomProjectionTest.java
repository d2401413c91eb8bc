package org.alws.core.regress;

import static org.alws.core.regress.RegressionFixture.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code projection} feature map: per-batch standardised features of a fixed random projection. */
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
}
