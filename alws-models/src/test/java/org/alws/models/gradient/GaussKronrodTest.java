package org.alws.models.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussKronrodTest {

    /** Applies the Kronrod (or Gauss) rule once on [-1, 1] to x^degree. */
    private static double rule(int degree, boolean gauss) {
        double sum = 0;
        for (int i = 0; i < GaussKronrod.NODES.length; i++) {
            double w = gauss ? ((i & 1) == 1 ? GaussKronrod.GAUSS_WEIGHTS[i / 2] : 0.0) : GaussKronrod.KRONROD_WEIGHTS[i];
            double x = GaussKronrod.NODES[i];
            sum += w * Math.pow(x, degree);
            if (x != 0) {
                sum += w * Math.pow(-x, degree);
            }
        }
        return sum;
    }

    private static double exactMonomial(int degree) {
        return degree % 2 == 1 ? 0.0 : 2.0 / (degree + 1);
    }

    @Test
    void kronrodRuleIsExactForPolynomialsUpToDegree22AndGaussUpTo13() {
        for (int d = 0; d <= 22; d++) {
            assertThat(rule(d, false)).as("K15 on x^%d", d).isCloseTo(exactMonomial(d), within(2e-16));
        }
        for (int d = 0; d <= 13; d++) {
            assertThat(rule(d, true)).as("G7 on x^%d", d).isCloseTo(exactMonomial(d), within(2e-16));
        }
        // Degree 24 is beyond K15: the rule must no longer be exact (guards against a degenerate test).
        assertThat(Math.abs(rule(24, false) - exactMonomial(24))).isGreaterThan(1e-12);
        assertThat(Math.abs(rule(14, true) - exactMonomial(14))).isGreaterThan(1e-6);
    }

    @Test
    void adaptiveIntegrationOfAGaussianAndANarrowPeakOnAGradedPartition() {
        java.util.List<Double> points = new java.util.ArrayList<>();
        GaussKronrod.addGraded(points, 3.3, 1e-4, 20);
        double[] breakpoints = GaussKronrod.breakpoints(points, -10, 10);
        assertThat(breakpoints[0]).isEqualTo(-10);
        assertThat(breakpoints[breakpoints.length - 1]).isEqualTo(10);
        assertThat(breakpoints).isSorted().contains(3.3, 3.3 + 5e-5, 3.3 - 1e-4, 3.3 + 1.6384);
        GaussKronrod.Result r = GaussKronrod.integrate((u, out) -> {
            out[0] = Math.exp(-u * u);
            out[1] = Math.exp(-0.5 * Math.pow((u - 3.3) / 1e-4, 2));
        }, 2, breakpoints, new int[] {0, 1}, 1e-12, 1000);
        assertThat(r.converged()).isTrue();
        assertThat(r.values()[0]).isCloseTo(Math.sqrt(Math.PI), within(1e-14));
        assertThat(r.values()[1]).isCloseTo(1e-4 * Math.sqrt(2 * Math.PI), within(1e-15));
    }

    @Test
    void aBreakpointAtANarrowPeakAloneMissesIt() {
        // Documents why callers grade the partition: the right-hand panel's nodes never come near the peak.
        GaussKronrod.Result r = GaussKronrod.integrate(
                (u, out) -> out[0] = Math.exp(-0.5 * Math.pow((u - 3.3) / 1e-4, 2)), 1, new double[] {-10, 3.3, 10},
                new int[] {0}, 1e-12, 1000);
        assertThat(r.values()[0] / (1e-4 * Math.sqrt(2 * Math.PI))).isLessThan(0.6);
    }

    @Test
    void signedComponentsAreJudgedAgainstTheirScale() {
        // ∫ sin(u) e^{-u²/2} over a symmetric interval is 0; its accuracy is measured against ∫ |sin u| e^{-u²/2}.
        GaussKronrod.Result r = GaussKronrod.integrate((u, out) -> {
            out[0] = Math.sin(u) * Math.exp(-0.5 * u * u);
            out[1] = Math.abs(out[0]);
            out[2] = Math.cos(u) * Math.exp(-0.5 * u * u);
        }, 3, new double[] {-12, -1, 0.5, 12}, new int[] {1, 1, 2}, 1e-12, 1000);
        assertThat(r.converged()).isTrue();
        assertThat(r.values()[0]).isCloseTo(0.0, within(1e-14));
        assertThat(r.values()[2]).isCloseTo(Math.sqrt(2 * Math.PI) * Math.exp(-0.5), within(1e-14));
    }
}
