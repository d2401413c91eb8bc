package org.alws.models.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Kolmogorov–Smirnov statistic against a uniform: exact values on small samples, agreement with the definition
 * sup_x |F_n(x) − F(x)| evaluated on a fine grid, and its null distribution (about 5% of uniform samples exceed the
 * 5% critical value).
 */
class KolmogorovSmirnovTest {

    @Test
    void exactValuesOfSmallSamples() {
        // The midpoints of n equal cells are the closest sample to uniform: D = 1/(2n).
        assertThat(KolmogorovSmirnov.againstUniform(new double[] {0.125, 0.375, 0.625, 0.875}, 0, 1))
                .isCloseTo(0.125, within(1e-15));
        assertThat(KolmogorovSmirnov.againstUniform(new double[] {0.5}, 0, 1)).isCloseTo(0.5, within(1e-15));
        assertThat(KolmogorovSmirnov.againstUniform(new double[] {0, 0, 0}, 0, 1)).isEqualTo(1.0);
        // Scaled to another interval, order does not matter.
        assertThat(KolmogorovSmirnov.againstUniform(new double[] {3 * Math.PI / 4, Math.PI / 4}, 0, Math.PI))
                .isCloseTo(0.25, within(1e-15));
        // Values outside the interval count at its ends.
        assertThat(KolmogorovSmirnov.againstUniform(new double[] {-1, 2}, 0, 1)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void matchesTheSupremumOfTheDistanceBetweenDistributionFunctions() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(30);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.pow(random.nextDouble(), 1 + trial % 3);
            }
            double sup = 0;
            for (int g = 0; g <= 200_000; g++) {
                double x = g / 200_000.0;
                int below = 0;
                int atOrBelow = 0;
                for (double y : v) {
                    below += y < x ? 1 : 0;
                    atOrBelow += y <= x ? 1 : 0;
                }
                sup = Math.max(sup, Math.max(Math.abs((double) atOrBelow / n - x), Math.abs((double) below / n - x)));
            }
            assertThat(KolmogorovSmirnov.againstUniform(v, 0, 1)).isCloseTo(sup, within(2e-5));
        }
    }

    @Test
    void uniformSamplesExceedTheCriticalValueAboutOneTimeInTwenty() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 1000;
        int exceed = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.PI * random.nextDouble();
            }
            exceed += KolmogorovSmirnov.againstUniform(v, 0, Math.PI) > KolmogorovSmirnov.criticalValue05(n) ? 1 : 0;
        }
        // Binomial(2000, 0.05): mean 100, standard deviation 9.7.
        assertThat(exceed).isBetween(70, 130);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> KolmogorovSmirnov.againstUniform(new double[0], 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kolmogorov-Smirnov: got no values, expected at least one");
        assertThatThrownBy(() -> KolmogorovSmirnov.againstUniform(new double[] {Double.NaN}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kolmogorov-Smirnov: got the value NaN, expected finite values");
        assertThatThrownBy(() -> KolmogorovSmirnov.againstUniform(new double[] {0.5}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kolmogorov-Smirnov: got the interval [1.0, 1.0), expected finite low < high");
    }
}
