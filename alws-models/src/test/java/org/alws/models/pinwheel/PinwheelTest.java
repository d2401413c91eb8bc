package org.alws.models.pinwheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The pinwheel's exact density: without bending it is the closed-form mixture of rotated Gaussians; with the
 * reference's bending it integrates to one and gives boxes the probability their share of draws estimates; and the
 * root finder finds every preimage where the map folds.
 */
class PinwheelTest {
    private static final Pinwheel REFERENCE = new Pinwheel(5, 0.3, 0.1, 0.2);

    @Test
    void withoutBendingTheDensityIsAMixtureOfRotatedGaussians() {
        Pinwheel straight = new Pinwheel(5, 0.3, 0.1, 0.0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            double x0 = random.nextDouble(-2, 2);
            double x1 = random.nextDouble(-2, 2);
            double p = 0;
            for (int k = 0; k < 5; k++) {
                double a = -2 * Math.PI * k / 5;
                double r = Math.cos(a) * x0 - Math.sin(a) * x1;
                double t = Math.sin(a) * x0 + Math.cos(a) * x1;
                p += 0.2 * Math.exp(-0.5 * Math.pow((r - 1) / 0.3, 2) - 0.5 * Math.pow(t / 0.1, 2))
                        / (2 * Math.PI * 0.03);
            }
            assertThat(straight.logDensity(x0, x1)).as("at (%s, %s)", x0, x1).isCloseTo(Math.log(p), within(1e-9));
        }
    }

    @Test
    void theBentDensityIntegratesToOne() {
        double h = 0.02;
        double total = 0;
        for (double x0 = -2.5 + h / 2; x0 < 2.5; x0 += h) {
            for (double x1 = -2.5 + h / 2; x1 < 2.5; x1 += h) {
                total += Math.exp(REFERENCE.logDensity(x0, x1)) * h * h;
            }
        }
        assertThat(total).isCloseTo(1.0, within(2e-3));
    }

    @Test
    void boxesGetTheProbabilityOfTheirShareOfDraws() {
        int n = 400_000;
        double[] draws = REFERENCE.sample(n, new SplittableRandom(2));
        double[][] boxes = {{0.5, 1.5, 0.0, 1.0}, {-1.0, 0.0, 0.5, 1.5}, {-1.5, -0.5, -1.0, 0.0}, {0.0, 1.0, -1.0,
            -0.2}};
        for (double[] b : boxes) {
            int inside = 0;
            for (int i = 0; i < n; i++) {
                double x0 = draws[2 * i];
                double x1 = draws[2 * i + 1];
                inside += x0 >= b[0] && x0 < b[1] && x1 >= b[2] && x1 < b[3] ? 1 : 0;
            }
            double h = 0.01;
            double integral = 0;
            for (double x0 = b[0] + h / 2; x0 < b[1]; x0 += h) {
                for (double x1 = b[2] + h / 2; x1 < b[3]; x1 += h) {
                    integral += Math.exp(REFERENCE.logDensity(x0, x1)) * h * h;
                }
            }
            double share = (double) inside / n;
            double se = Math.sqrt(share * (1 - share) / n);
            assertThat(share).as("box %s", Arrays.toString(b)).isCloseTo(integral, within(4 * se + 1e-3));
            assertThat(share).as("box %s holds a real share", Arrays.toString(b)).isGreaterThan(0.02);
        }
    }

    @Test
    void everyPreimageIsFoundWhereTheMapFolds() {
        // A strongly bent pinwheel folds far out: points there have several preimages per arm.
        Pinwheel bent = new Pinwheel(1, 0.3, 0.1, 1.5);
        double norm = 2.2;
        int folded = 0;
        for (int g = 0; g < 360; g++) {
            double phi = Math.toRadians(g);
            List<Double> roots = bent.preimageAngles(norm, phi, 0);
            assertThat(roots).isNotEmpty();
            for (double beta : roots) {
                double r = norm * Math.cos(beta);
                double t = norm * Math.sin(beta);
                double alpha = 1.5 * Math.exp(r);
                double x0 = Math.cos(alpha) * r - Math.sin(alpha) * t;
                double x1 = Math.sin(alpha) * r + Math.cos(alpha) * t;
                assertThat(x0).isCloseTo(norm * Math.cos(phi), within(1e-9));
                assertThat(x1).isCloseTo(norm * Math.sin(phi), within(1e-9));
            }
            // h rises by 2π over a turn, so the number of roots is odd unless one is a tangency.
            assertThat(roots.size() % 2).isEqualTo(1);
            folded += roots.size() > 1 ? 1 : 0;
        }
        assertThat(folded).as("angles with several preimages").isPositive();
    }

    @Test
    void drawsAreSeededAndCentred() {
        double[] a = REFERENCE.sample(50_000, new SplittableRandom(3));
        assertThat(REFERENCE.sample(50_000, new SplittableRandom(3))).isEqualTo(a);
        double m0 = 0;
        double m1 = 0;
        for (int i = 0; i < 50_000; i++) {
            m0 += a[2 * i] / 50_000;
            m1 += a[2 * i + 1] / 50_000;
        }
        assertThat(m0).isCloseTo(0.0, within(0.02));
        assertThat(m1).isCloseTo(0.0, within(0.02));
    }

    @Test
    void badParametersNameTheField() {
        assertThatThrownBy(() -> new Pinwheel(0, 0.3, 0.1, 0.2)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("arms: got 0");
        assertThatThrownBy(() -> new Pinwheel(5, 0, 0.1, 0.2)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("radialStd: got 0.0");
        assertThatThrownBy(() -> new Pinwheel(5, 0.3, 0.1, -1)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("rate: got -1.0");
    }
}
