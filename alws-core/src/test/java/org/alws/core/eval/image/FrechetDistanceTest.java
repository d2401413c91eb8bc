package org.alws.core.eval.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FID against closed forms: equal Gaussians, commuting and non-commuting covariances, singular ones. */
class FrechetDistanceTest {

    private static double[][] randomCovariance(int d, SplittableRandom r) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = r.nextDouble(-1, 1);
            }
        }
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[i][j] += a[i][k] * a[j][k];
                }
                c[i][j] += i == j ? 0.1 : 0;
            }
        }
        return c;
    }

    private static double[] randomVector(int d, SplittableRandom r) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return v;
    }

    @Test
    void aGaussianIsAtDistanceZeroFromItself() {
        SplittableRandom r = new SplittableRandom(1);
        GaussianStatistics g = new GaussianStatistics(randomVector(8, r), randomCovariance(8, r));
        assertThat(FrechetDistance.between(g, g)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredDifferencesOfStandardDeviations() {
        double[] mu1 = {1, 2, 3};
        double[] mu2 = {0, 2.5, -1};
        double[] var1 = {4, 1, 0.25};
        double[] var2 = {1, 9, 0.25};
        double expected = 1 + 0.25 + 16 + Math.pow(2 - 1, 2) + Math.pow(1 - 3, 2) + 0;
        assertThat(FrechetDistance.between(new GaussianStatistics(mu1, diag(var1)),
                new GaussianStatistics(mu2, diag(var2)))).isCloseTo(expected, within(1e-10));
    }

    @Test
    void nonCommutingTwoByTwoCovariancesMatchTheClosedForm() {
        // For 2x2 matrices, tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)), with tr M = tr(S1 S2), det M = det S1 det S2.
        double[][] s1 = {{2.0, 0.9}, {0.9, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 3.0}};
        assertThat(s1[0][1] * s2[1][1] + s1[0][0] * s2[0][1]).as("S1 S2 is not symmetric, so S1 and S2 do not "
                + "commute").isNotCloseTo(s2[0][0] * s1[0][1] + s2[0][1] * s1[1][1], within(1e-3));
        double trProduct = s1[0][0] * s2[0][0] + 2 * s1[0][1] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[0][1]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[0][1]);
        double trSqrt = Math.sqrt(trProduct + 2 * Math.sqrt(det));
        double[] mu1 = {0.5, -1};
        double[] mu2 = {-0.5, 1};
        double expected = 1 + 4 + s1[0][0] + s1[1][1] + s2[0][0] + s2[1][1] - 2 * trSqrt;
        double fid = FrechetDistance.between(new GaussianStatistics(mu1, s1), new GaussianStatistics(mu2, s2));
        assertThat(fid).isCloseTo(expected, within(1e-10));
        assertThat(FrechetDistance.between(new GaussianStatistics(mu2, s2), new GaussianStatistics(mu1, s1)))
                .as("symmetric, although the formula is not written symmetrically").isCloseTo(fid, within(1e-10));
    }

    @Test
    void rankOneCovariancesMatchTheirClosedForm() {
        // S1 = a a^T, S2 = b b^T: tr sqrt(S1^1/2 S2 S1^1/2) = |a.b|, so FID = |a|^2 + |b|^2 - 2 |a.b| (same means).
        double[] a = {1, 2, -1, 0.5};
        double[] b = {-0.5, 1, 3, 1};
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        double[] zero = new double[a.length];
        double fid = FrechetDistance.between(new GaussianStatistics(zero, outer(a)),
                new GaussianStatistics(zero, outer(b)));
        // The zero eigenvalues come out as rounding errors of order 1e-16, whose square roots are of order 1e-8.
        assertThat(fid).isCloseTo(aa + bb - 2 * Math.abs(dot), within(1e-6));
    }

    @Test
    void aCommonRotationLeavesTheDistanceUnchanged() {
        SplittableRandom r = new SplittableRandom(7);
        int d = 5;
        double[] mu1 = randomVector(d, r);
        double[] mu2 = randomVector(d, r);
        double[][] s1 = randomCovariance(d, r);
        double[][] s2 = randomCovariance(d, r);
        double[][] q = rotation(d, r);
        double before = FrechetDistance.between(new GaussianStatistics(mu1, s1), new GaussianStatistics(mu2, s2));
        double after = FrechetDistance.between(new GaussianStatistics(apply(q, mu1), conjugate(q, s1)),
                new GaussianStatistics(apply(q, mu2), conjugate(q, s2)));
        assertThat(before).isGreaterThan(1);
        assertThat(after).isCloseTo(before, within(1e-9 * before));
    }

    @Test
    void samplesOfGaussiansApproachTheDistanceOfTheirGaussians() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 40_000;
        // x ~ N((0, 0), diag(1, 4)) and y ~ N((1, 0), [[1, 0.8], [0.8, 1]]) by y = L e with L L^T = Sigma.
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        double l21 = 0.8;
        double l22 = Math.sqrt(1 - 0.64);
        for (int i = 0; i < n; i++) {
            xs[2 * i] = gaussian(r);
            xs[2 * i + 1] = 2 * gaussian(r);
            double e1 = gaussian(r);
            double e2 = gaussian(r);
            ys[2 * i] = 1 + e1;
            ys[2 * i + 1] = l21 * e1 + l22 * e2;
        }
        GaussianStatistics x = GaussianStatistics.of(new Features(n, 2, xs));
        GaussianStatistics y = GaussianStatistics.of(new Features(n, 2, ys));
        double exact = FrechetDistance.between(new GaussianStatistics(new double[] {0, 0}, diag(new double[] {1, 4})),
                new GaussianStatistics(new double[] {1, 0}, new double[][] {{1, 0.8}, {0.8, 1}}));
        assertThat(exact).as("the 2x2 closed form").isCloseTo(1 + 7 - 2 * Math.sqrt(5 + 2 * Math.sqrt(4 * 0.36)),
                within(1e-9));
        assertThat(FrechetDistance.between(x, y)).isCloseTo(exact, within(0.1));
        GaussianStatistics x2 = GaussianStatistics.of(new Features(n / 2, 2, java.util.Arrays.copyOf(xs, n)));
        GaussianStatistics x3 = GaussianStatistics.of(new Features(n / 2, 2,
                java.util.Arrays.copyOfRange(xs, n, 2 * n)));
        assertThat(FrechetDistance.between(x2, x3)).as("two halves of one sample").isBetween(0.0, 0.01);
    }

    @Test
    void statisticsAreTheSampleMeanAndTheUnbiasedCovariance() {
        double[] v = {1, 2, 3, 5, 4, 1, 0, 0};
        GaussianStatistics g = GaussianStatistics.of(new Features(4, 2, v));
        assertThat(g.mean()).containsExactly(2.0, 2.0);
        // x: 1, 3, 4, 0 (deviations -1, 1, 2, -2); y: 2, 5, 1, 0 (deviations 0, 3, -1, -2); divided by n - 1 = 3.
        assertThat(g.covariance()[0][0]).isCloseTo(10.0 / 3, within(1e-12));
        assertThat(g.covariance()[1][1]).isCloseTo(14.0 / 3, within(1e-12));
        assertThat(g.covariance()[0][1]).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(g.covariance()[1][0]).isEqualTo(g.covariance()[0][1]);
    }

    private static double[][] diag(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }

    private static double[][] outer(double[] a) {
        double[][] m = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                m[i][j] = a[i] * a[j];
            }
        }
        return m;
    }

    /** A random orthogonal matrix by Gram-Schmidt. */
    private static double[][] rotation(int d, SplittableRandom r) {
        double[][] q = new double[d][];
        for (int i = 0; i < d; i++) {
            double[] v = randomVector(d, r);
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += v[k] * q[j][k];
                }
                for (int k = 0; k < d; k++) {
                    v[k] -= dot * q[j][k];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            for (int k = 0; k < d; k++) {
                v[k] /= Math.sqrt(norm);
            }
            q[i] = v;
        }
        return q;
    }

    private static double[] apply(double[][] q, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < v.length; k++) {
                out[i] += q[i][k] * v[k];
            }
        }
        return out;
    }

    /** Q S Q^T. */
    private static double[][] conjugate(double[][] q, double[][] s) {
        int d = s.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        out[i][j] += q[i][a] * s[a][b] * q[j][b];
                    }
                }
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
