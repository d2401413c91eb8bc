package org.alws.models.pinwheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The importance-sampling estimate of log p(x) against the closed form of a linear mean function, f(y) = Ay + b, for
 * which p(x) = Σ_c π_c N(x; Aμ_c + b, A diag(s_c²) Aᵀ + diag σ²), from broad to very narrow observation noise (where
 * prior sampling alone would fail); and against plain prior sampling with many draws for a nonlinear (ReLU) mean.
 * With S = 2,000 samples a single estimate's error has a standard deviation of about 0.02 nats, and the errors
 * average out: the mean error over 100 points stays below 0.008.
 */
class PinwheelLikelihoodTest {
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double[] MEANS = {-1.0, 0.5, 1.2, -0.3, 0.2, 1.5};
    private static final double[] SCALES = {0.4, 0.2, 0.3, 0.6, 0.25, 0.25};
    private static final double[] A = {1.3, -0.7, 0.4, 0.9};
    private static final double[] B = {0.2, -0.1};

    private static void linear(double[] y, double[] out) {
        out[0] = A[0] * y[0] + A[1] * y[1] + B[0];
        out[1] = A[2] * y[0] + A[3] * y[1] + B[1];
    }

    /** The closed-form log p(x) of the linear model. */
    private static double exact(double[] x, double[] noise) {
        double p = 0;
        for (int c = 0; c < 3; c++) {
            double m0 = A[0] * MEANS[2 * c] + A[1] * MEANS[2 * c + 1] + B[0];
            double m1 = A[2] * MEANS[2 * c] + A[3] * MEANS[2 * c + 1] + B[1];
            double s0 = SCALES[2 * c] * SCALES[2 * c];
            double s1 = SCALES[2 * c + 1] * SCALES[2 * c + 1];
            double c00 = A[0] * A[0] * s0 + A[1] * A[1] * s1 + noise[0] * noise[0];
            double c01 = A[0] * A[2] * s0 + A[1] * A[3] * s1;
            double c11 = A[2] * A[2] * s0 + A[3] * A[3] * s1 + noise[1] * noise[1];
            double det = c00 * c11 - c01 * c01;
            double d0 = x[0] - m0;
            double d1 = x[1] - m1;
            double q = (c11 * d0 * d0 - 2 * c01 * d0 * d1 + c00 * d1 * d1) / det;
            p += WEIGHTS[c] * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
        }
        return Math.log(p);
    }

    @Test
    void matchesTheClosedFormOfALinearMeanFromBroadToNarrowNoise() {
        SplittableRandom random = new SplittableRandom(1);
        for (double sigma : new double[] {0.5, 0.1, 0.02, 0.005}) {
            double[] noise = {sigma, 1.5 * sigma};
            PinwheelLikelihood estimator = new PinwheelLikelihood(WEIGHTS, MEANS, SCALES,
                    PinwheelLikelihoodTest::linear, noise, 2000);
            double worst = 0;
            double bias = 0;
            int n = 100;
            for (int i = 0; i < n; i++) {
                // Points from the model itself, where the likelihood is evaluated in practice.
                double[] y = new double[2];
                int c = random.nextDouble() < 0.5 ? 0 : random.nextDouble() < 0.6 ? 1 : 2;
                y[0] = MEANS[2 * c] + SCALES[2 * c] * random.nextGaussian();
                y[1] = MEANS[2 * c + 1] + SCALES[2 * c + 1] * random.nextGaussian();
                double[] x = new double[2];
                linear(y, x);
                x[0] += noise[0] * random.nextGaussian();
                x[1] += noise[1] * random.nextGaussian();
                double error = estimator.logLikelihood(x, random) - exact(x, noise);
                worst = Math.max(worst, Math.abs(error));
                bias += error / n;
            }
            assertThat(worst).as("largest error at sigma %s", sigma).isLessThan(0.1);
            assertThat(Math.abs(bias)).as("mean error at sigma %s", sigma).isLessThan(0.008);
        }
    }

    @Test
    void matchesPriorSamplingForAReluMean() {
        PinwheelLikelihood.MeanFunction relu = (y, out) -> {
            double h0 = Math.max(0, 1.1 * y[0] - 0.4 * y[1] + 0.2);
            double h1 = Math.max(0, -0.6 * y[0] + 0.9 * y[1] - 0.1);
            double h2 = Math.max(0, 0.5 * y[0] + 0.5 * y[1]);
            out[0] = 1.2 * h0 - 0.8 * h1 + 0.3 * h2 - 0.2;
            out[1] = -0.5 * h0 + 1.1 * h1 + 0.9 * h2 + 0.1;
        };
        double[] noise = {0.3, 0.3};
        PinwheelLikelihood estimator = new PinwheelLikelihood(WEIGHTS, MEANS, SCALES, relu, noise, 8000);
        SplittableRandom random = new SplittableRandom(2);
        double[] f = new double[2];
        double[] y = new double[2];
        for (double[] x : new double[][] {{0.3, 0.4}, {-0.5, 1.0}, {1.2, -0.3}, {0.0, 0.0}}) {
            // Plain Monte Carlo over the prior, 400,000 draws: standard error below 0.005 at these points.
            int draws = 400_000;
            double sum = 0;
            for (int s = 0; s < draws; s++) {
                double u = random.nextDouble();
                int c = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
                y[0] = MEANS[2 * c] + SCALES[2 * c] * random.nextGaussian();
                y[1] = MEANS[2 * c + 1] + SCALES[2 * c + 1] * random.nextGaussian();
                relu.apply(y, f);
                double u0 = (x[0] - f[0]) / 0.3;
                double u1 = (x[1] - f[1]) / 0.3;
                sum += Math.exp(-0.5 * (u0 * u0 + u1 * u1)) / (2 * Math.PI * 0.09);
            }
            assertThat(estimator.logLikelihood(x, random)).as("at %s", Arrays.toString(x))
                    .isCloseTo(Math.log(sum / draws), within(0.04));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new PinwheelLikelihood(WEIGHTS, new double[5], SCALES,
                PinwheelLikelihoodTest::linear, new double[] {1, 1}, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pinwheel likelihood: got 3 weights, 5 means and 6 scales, expected K >= 1 weights and "
                        + "K x L means and scales");
        assertThatThrownBy(() -> new PinwheelLikelihood(WEIGHTS, MEANS, SCALES, PinwheelLikelihoodTest::linear,
                new double[] {1, 0}, 10)).isInstanceOf(ConfigException.class).hasMessageStartingWith("noise: got 0.0");
        assertThatThrownBy(() -> new PinwheelLikelihood(WEIGHTS, MEANS, SCALES, PinwheelLikelihoodTest::linear,
                new double[] {1, 1}, 0)).isInstanceOf(ConfigException.class).hasMessageStartingWith("samples: got 0");
    }
}
