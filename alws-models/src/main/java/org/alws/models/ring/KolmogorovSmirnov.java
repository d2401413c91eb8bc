package org.alws.models.ring;

import java.util.Arrays;

/**
 * The one-sample Kolmogorov–Smirnov statistic against a uniform distribution: the largest distance between the
 * sample's empirical distribution function and the uniform's, D = max_i max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i−1)/n) over
 * the sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎, with F(x) = (x − low)/(high − low) clamped to [0, 1].
 */
public final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {
    }

    /**
     * D of {@code values} against the uniform distribution on [low, high).
     *
     * @throws IllegalArgumentException if there are no values, one is not finite, or low ≥ high
     */
    public static double againstUniform(double[] values, double low, double high) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Kolmogorov-Smirnov: got no values, expected at least one");
        }
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("Kolmogorov-Smirnov: got the interval [" + low + ", " + high
                    + "), expected finite low < high");
        }
        double[] sorted = values.clone();
        for (double v : sorted) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Kolmogorov-Smirnov: got the value " + v
                        + ", expected finite values");
            }
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = Math.min(1.0, Math.max(0.0, (sorted[i] - low) / (high - low)));
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /**
     * The asymptotic critical value of D at level α = 0.05 for n values, 1.358/√n (Kolmogorov's distribution): a
     * sample of the uniform itself exceeds it one time in twenty.
     */
    public static double criticalValue05(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Kolmogorov-Smirnov: got n = " + n + ", expected n >= 1");
        }
        return 1.358 / Math.sqrt(n);
    }
}
