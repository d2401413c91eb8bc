package org.alws.models.blowfly;

import java.util.Arrays;

/**
 * Summary statistics of a time series, the ones a simulated population is compared with the data on: the mean, the
 * standard deviation (population form, divided by T), the autocorrelations at lags 1..L and the dominant period.
 *
 * <p>The autocorrelation at lag k is Σ_t (x_t − m)(x_{t+k} − m) / Σ_t (x_t − m)², the usual (biased) estimate. The
 * dominant period is 1/f at the maximum over f of the periodogram |Σ_t (x_t − m) e^{−2πift}|², searched on the
 * frequencies f = j/(8T) between 1/T and 1/2: eight times finer than the Fourier frequencies, so that a period is
 * not rounded to T/j (the blowfly data's 19-step cycle would otherwise read as 18 or 20).
 *
 * @param mean the mean
 * @param std the standard deviation
 * @param autocorrelation the autocorrelations at lags 1, 2, ..., L
 * @param period the dominant period, in time steps
 */
public record SeriesStatistics(double mean, double std, double[] autocorrelation, double period) {
    /** How much finer than the Fourier frequencies the periodogram is searched. */
    static final int OVERSAMPLING = 8;

    /** Copies the autocorrelations. */
    public SeriesStatistics {
        autocorrelation = autocorrelation.clone();
    }

    @Override
    public double[] autocorrelation() {
        return autocorrelation.clone();
    }

    /**
     * The statistics of one series.
     *
     * @param maxLag L, the largest autocorrelation lag
     * @throws IllegalArgumentException if the series has fewer than L + 2 points, a non-finite value, or is constant
     */
    public static SeriesStatistics of(double[] series, int maxLag) {
        int n = series.length;
        if (maxLag < 1 || n < maxLag + 2) {
            throw new IllegalArgumentException("series statistics: a series of " + n + " points cannot give "
                    + "autocorrelations up to lag " + maxLag + "; expected at least " + (maxLag + 2) + " points");
        }
        double mean = 0;
        for (double v : series) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("series statistics: the series holds a non-finite value " + v);
            }
            mean += v;
        }
        mean /= n;
        double[] centred = new double[n];
        double ss = 0;
        for (int t = 0; t < n; t++) {
            centred[t] = series[t] - mean;
            ss += centred[t] * centred[t];
        }
        if (!(ss > 0)) {
            throw new IllegalArgumentException("series statistics: the series is constant");
        }
        double[] acf = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            double s = 0;
            for (int t = 0; t + k < n; t++) {
                s += centred[t] * centred[t + k];
            }
            acf[k - 1] = s / ss;
        }
        return new SeriesStatistics(mean, Math.sqrt(ss / n), acf, dominantPeriod(centred));
    }

    /**
     * The statistics of many series averaged: the mean of their means, standard deviations and autocorrelations, and
     * the median of their dominant periods.
     *
     * @param series rows of equal length
     */
    public static SeriesStatistics average(double[][] series, int maxLag) {
        if (series.length == 0) {
            throw new IllegalArgumentException("series statistics: no series to average");
        }
        double mean = 0;
        double std = 0;
        double[] acf = new double[maxLag];
        double[] periods = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            SeriesStatistics s = of(series[i], maxLag);
            mean += s.mean;
            std += s.std;
            for (int k = 0; k < maxLag; k++) {
                acf[k] += s.autocorrelation[k];
            }
            periods[i] = s.period;
        }
        for (int k = 0; k < maxLag; k++) {
            acf[k] /= series.length;
        }
        return new SeriesStatistics(mean / series.length, std / series.length, acf, median(periods));
    }

    /** The largest |autocorrelation difference| over the lags, against {@code other}. */
    public double maxAutocorrelationGap(SeriesStatistics other) {
        if (other.autocorrelation.length != autocorrelation.length) {
            throw new IllegalArgumentException("series statistics: lags 1.." + autocorrelation.length + " against "
                    + "1.." + other.autocorrelation.length);
        }
        double gap = 0;
        for (int k = 0; k < autocorrelation.length; k++) {
            gap = Math.max(gap, Math.abs(autocorrelation[k] - other.autocorrelation[k]));
        }
        return gap;
    }

    /** 1/f at the periodogram's maximum over f in [1/T, 1/2] on a grid of step 1/(8T). */
    static double dominantPeriod(double[] centred) {
        int n = centred.length;
        double bestPower = -1;
        double bestFrequency = 0;
        for (int j = OVERSAMPLING; j <= OVERSAMPLING * n / 2; j++) {
            double f = (double) j / (OVERSAMPLING * n);
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                double phase = 2 * Math.PI * f * t;
                re += centred[t] * Math.cos(phase);
                im -= centred[t] * Math.sin(phase);
            }
            double power = re * re + im * im;
            if (power > bestPower) {
                bestPower = power;
                bestFrequency = f;
            }
        }
        return 1 / bestFrequency;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesStatistics s && mean == s.mean && std == s.std && period == s.period
                && Arrays.equals(autocorrelation, s.autocorrelation);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mean, std, period, Arrays.hashCode(autocorrelation));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "mean %.4f, std %.4f, period %.2f, acf(1) %.3f, acf(%d) %.3f",
                mean, std, period, autocorrelation[0], autocorrelation.length,
                autocorrelation[autocorrelation.length - 1]);
    }
}
