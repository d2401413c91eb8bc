package org.alws.models.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.NumericalException;
import org.junit.jupiter.api.Test;

class GradientEstimationMarginalTest {

    /**
     * {b1, b2, σ_x, x, log p(x), ∂/∂b1, ∂/∂b2}, computed independently with mpmath at 40 digits by the script
     * {@code mpmath_reference.py} next to this test's resources.
     */
    private static final double[][] REFERENCE = {
        {1, 0.5, 0.1, -5, -714.81207344244704774, 765.52739242824959558, 382.76369621412479779},
        {1, 0.5, 0.1, -1, -0.24285532449112862163, 3.6949601639659031805, 1.8474800819829515903},
        {1, 0.5, 0.1, 0.3, -1.4700647309797901304, -2.9096118685231326249, -1.4548059342615663125},
        {1, 0.5, 0.1, 3, -8.1370196134348196732, 3.6480315402072260606, 1.8240157701036130303},
        {1, 0.5, 0.1, 10, -51.25756688462931691, 61.068112979786366138, 30.534056489893183069},
        {1, 0.5, 0.1, 40, -676.25770867940065171, 1005.5130385487528342, 502.75651927437641712},
        {0.2, 0.1, 0.1, -1, -86.842664414409066684, 179.61581511337147578, 89.80790755668573789},
        {0.2, 0.1, 0.1, 0.3, -1.87783532346490799, 16.166827092827892285, 8.0834135464139461424},
        {0.2, 0.1, 0.1, 0.69, 0.92326498411725190979, -2.9791605497429875728, -1.4895802748714937864},
        {0.2, 0.1, 0.1, 3, -72.815586153426789218, 449.93964296100524096, 224.96982148050262048},
        {0.2, 0.1, 0.5, 1, -0.48544314903041306834, -0.58637853118062227678, -0.29318926559031113839},
        {2, -1, 0.1, -5, -0.3592878169510147351, 25.798356590882091989, -12.899178295441045994},
        {2, -1, 0.1, -4.9, -0.047750120618921593877, 1.647632752138724607, -0.82381637606936230348},
        {2, -1, 0.1, 8, -18.590915579695607243, 2.6876021187286763864, -1.3438010593643381932},
        {3, 3, 0.1, 40, -95.756961801860237523, 11.624395232335913079, 11.624395232335913079},
        {3, 3, 0.1, -17.9, 0.14520651588146920486, -22.406780637334574884, -22.406780637334574884},
        {0.001, 0, 0.1, 1, -3.3242077329572110171, 0.1566912872530419863, 0.0},
        {0.001, 0, 1, 0, -1.1591644986038402639, 0.001083118913301326363, 0.0},
        {1e-6, 2e-6, 0.5, 2, -3.6415199360098590878, -3.3165125693134346989e-6, -6.6330251386268693979e-6},
        {0.05, 0.02, 0.1, 0.8, 0.79030937353722693608, -0.78875770076099114327, -0.31550308030439645731},
        {-0.7, 0.3, 0.1, 0.1, 0.036863583069646854307, 2.2461960900346836924, -0.96265546715772158246},
    };

    private static double logDensity(double[] b, double sigma, double x) {
        return new GradientEstimationMarginal(b, sigma).logDensity(x);
    }

    private static double relativeError(double[] actual, double[] expected) {
        return Math.hypot(actual[0] - expected[0], actual[1] - expected[1]) / Math.hypot(expected[0], expected[1]);
    }

    private static double normalLogDensity(double x, double mean, double sigma) {
        double d = (x - mean) / sigma;
        return -0.5 * d * d - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    }

    @Test
    void matchesIndependentHighPrecisionReferenceValues() {
        for (double[] c : REFERENCE) {
            GradientEstimationMarginal.Evaluation e =
                    new GradientEstimationMarginal(new double[] {c[0], c[1]}, c[2]).evaluate(c[3]);
            assertThat(e.logDensity()).as("log p at %s", java.util.Arrays.toString(c))
                    .isCloseTo(c[4], within(1e-12 * Math.max(1, Math.abs(c[4]))));
            assertThat(relativeError(e.score(), new double[] {c[5], c[6]})).as("score at %s",
                    java.util.Arrays.toString(c)).isLessThan(1e-10);
        }
    }

    @Test
    void scoreMatchesFiniteDifferencesOfTheLogDensity() {
        double[][] cases = {
            // b1, b2, σ_x, x
            {1, 0.5, 0.5, 0.3}, {1, 0.5, 0.5, -1.2}, {1, 0.5, 0.1, -1}, {1, 0.5, 0.1, 6}, {1, 0.5, 0.1, -3},
            {0.2, 0.1, 0.1, -2}, {0.2, 0.1, 0.1, 4}, {0.2, 0.1, 0.1, 0.7}, {2, -1, 0.1, -4.9}, {2, -1, 0.1, 1},
            {3, 3, 0.1, 25}, {-0.7, 0.3, 0.1, 0.1}, {0.05, 0.02, 0.1, 0.8}, {1.5, 0, 1.0, 12},
        };
        for (double[] c : cases) {
            double[] b = {c[0], c[1]};
            double sigma = c[2];
            double x = c[3];
            double[] score = new GradientEstimationMarginal(b, sigma).score(x);
            double[] fd = new double[2];
            double h = 1e-5;
            for (int k = 0; k < 2; k++) {
                double[] f = new double[5];
                for (int j = -2; j <= 2; j++) {
                    if (j != 0) {
                        double[] bj = b.clone();
                        bj[k] += j * h;
                        f[j + 2] = logDensity(bj, sigma, x);
                    }
                }
                fd[k] = (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * h);
            }
            assertThat(relativeError(score, fd)).as("b=(%s, %s), sigma=%s, x=%s", c[0], c[1], c[2], c[3])
                    .isLessThan(1e-7);
        }
    }

    @Test
    void densityIntegratesToOneAndMomentsAgree() {
        double[][] cases = {{1, 0.5, 0.5}, {0.2, 0.1, 0.1}, {2, -1, 0.1}};
        for (double[] c : cases) {
            double[] b = {c[0], c[1]};
            double sigma = c[2];
            GradientEstimationMarginal m = new GradientEstimationMarginal(b, sigma);
            double r = m.radius();
            double spread = Math.sqrt(r * r + sigma * sigma);
            double lo = -r * r - 15 * sigma;
            double hi = 1 + 15 * spread;
            List<Double> points = new ArrayList<>();
            GaussKronrod.addGraded(points, -r * r, sigma, hi - lo);
            GaussKronrod.addGraded(points, m.mean(), spread, hi - lo);
            GaussKronrod.Result res = GaussKronrod.integrate((x, out) -> {
                double p = Math.exp(m.logDensity(x));
                out[0] = p;
                out[1] = x * p;
                out[2] = x * x * p;
                out[3] = Math.abs(x) * p;
            }, 4, GaussKronrod.breakpoints(points, lo, hi), new int[] {0, 3, 2, 3}, 1e-11, 2000);
            assertThat(res.converged()).isTrue();
            assertThat(res.values()[0]).as("∫p at %s", java.util.Arrays.toString(c)).isCloseTo(1.0, within(1e-10));
            assertThat(res.values()[1]).as("∫x p at %s", java.util.Arrays.toString(c))
                    .isCloseTo(m.mean(), within(1e-9));
            assertThat(res.values()[2]).as("∫x² p at %s", java.util.Arrays.toString(c))
                    .isCloseTo(m.secondMoment(), within(1e-9 * m.secondMoment()));
        }
    }

    @Test
    void agreesWithABruteForceGridInTheOriginalCoordinates() {
        // Trapezoid rule on [-9, 9]² in z (spectrally accurate for this smooth, fast-decaying integrand), with the
        // full 2-D gradient E_{p(z|x)}[(x − μ)/σ² (sigmoid(b·z) z − 2b)]: checks the rotation and that the
        // component orthogonal to b vanishes.
        double sigma = 1.0;
        double step = 0.01;
        int n = (int) Math.round(18 / step) + 1;
        for (double[] b : new double[][] {{1, 0.5}, {-0.6, 1.3}}) {
            GradientEstimationMarginal m = new GradientEstimationMarginal(b, sigma);
            double r2 = b[0] * b[0] + b[1] * b[1];
            for (double x : new double[] {-2, 0.5, 3}) {
                double sum = 0;
                double g0 = 0;
                double g1 = 0;
                for (int i = 0; i < n; i++) {
                    double z1 = -9 + i * step;
                    for (int j = 0; j < n; j++) {
                        double z2 = -9 + j * step;
                        double bz = b[0] * z1 + b[1] * z2;
                        double mean = Scalars.softplus(bz) - r2;
                        double e = x - mean;
                        double w = Math.exp(-0.5 * (z1 * z1 + z2 * z2) - 0.5 * e * e / (sigma * sigma));
                        double s = Scalars.sigmoid(bz);
                        sum += w;
                        g0 += w * e * (s * z1 - 2 * b[0]);
                        g1 += w * e * (s * z2 - 2 * b[1]);
                    }
                }
                double logP = Math.log(sum * step * step) - Math.log(2 * Math.PI) - Math.log(2 * Math.PI * sigma * sigma) / 2;
                double[] grad = {g0 / sum / (sigma * sigma), g1 / sum / (sigma * sigma)};
                GradientEstimationMarginal.Evaluation e = m.evaluate(x);
                assertThat(e.logDensity()).as("log p, b=%s, x=%s", java.util.Arrays.toString(b), x)
                        .isCloseTo(logP, within(1e-10));
                assertThat(relativeError(e.score(), grad)).as("score, b=%s, x=%s", java.util.Arrays.toString(b), x)
                        .isLessThan(1e-9);
            }
        }
    }

    @Test
    void agreesWithMonteCarloOverThePrior() {
        double[] b = {1, 0.5};
        double sigma = 0.5;
        GradientEstimationSampler sampler = new GradientEstimationSampler(b, sigma);
        GradientEstimationMarginal m = new GradientEstimationMarginal(b, sigma);
        int n = 1_000_000;
        for (double x : new double[] {0.3, 2.0}) {
            SplittableRandom random = new SplittableRandom(7);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double like = Math.exp(normalLogDensity(x, sampler.conditionalMean(random.nextGaussian(),
                        random.nextGaussian()), sigma));
                sum += like;
                sumSq += like * like;
            }
            double mean = sum / n;
            double se = Math.sqrt((sumSq / n - mean * mean) / n);
            double exact = Math.exp(m.logDensity(x));
            assertThat(se / exact).as("Monte Carlo relative error at x=%s", x).isLessThan(1e-2);
            assertThat(Math.abs(mean - exact)).as("|MC - exact| at x=%s (SE %s)", x, se).isLessThan(4 * se);
        }
    }

    @Test
    void atTheOriginTheModelIsGaussianAndTheScoreVanishesLinearly() {
        double sigma = 0.5;
        double x = 2.0;
        GradientEstimationMarginal.Evaluation zero = new GradientEstimationMarginal(new double[] {0, 0}, sigma)
                .evaluate(x);
        assertThat(zero.logDensity()).isCloseTo(normalLogDensity(x, Math.log(2), sigma), within(1e-15));
        assertThat(zero.score()).containsExactly(0.0, 0.0);
        // Second-order expansion in r = ‖b‖: d/dr log p = c r + O(r³), so ∇_b log p → c b, with
        // c = (δ²/σ⁴ − (7δ + 1)/σ²)/4, δ = x − log 2.
        double d = x - Math.log(2);
        double s2 = sigma * sigma;
        double c = (d * d / (s2 * s2) - (7 * d + 1) / s2) / 4;
        double[] direction = {0.6, 0.8};
        for (double t : new double[] {1e-4, 1e-6, 1e-9, 1e-30, 1e-150}) {
            double[] b = {t * direction[0], t * direction[1]};
            GradientEstimationMarginal.Evaluation e = new GradientEstimationMarginal(b, sigma).evaluate(x);
            double[] limit = {c * b[0], c * b[1]};
            assertThat(relativeError(e.score(), limit)).as("t=%s", t).isLessThan(Math.max(1e-10, 1e2 * t * t));
            assertThat(e.logDensity() - zero.logDensity()).as("t=%s", t)
                    .isCloseTo(0.5 * c * t * t, within(1e-14 + 1e2 * t * t * t * t));
        }
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> new GradientEstimationMarginal(new double[] {1, 0}, 0.0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sigmaX").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new GradientEstimationMarginal(new double[] {1}, 1.0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("b").hasMessageContaining("2 numbers");
        assertThatThrownBy(() -> new GradientEstimationMarginal(new double[] {1, Double.NaN}, 1.0))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new GradientEstimationMarginal(new double[] {1, 0}, 1.0).evaluate(Double.NaN))
                .isInstanceOf(NumericalException.class).hasMessageContaining("NaN");
    }
}
