package org.alws.core.eval.image;

import java.util.Objects;

/**
 * The mean and covariance of a set of feature vectors, in float64: the Gaussian that FID fits to them.
 *
 * @param mean μ, of length d
 * @param covariance Σ, d × d, symmetric (the unbiased estimate, divided by n − 1)
 */
public record GaussianStatistics(double[] mean, double[][] covariance) {
    /** Validates the sizes. */
    public GaussianStatistics {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(covariance, "covariance");
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("a mean of length " + mean.length + " needs a " + mean.length + "x"
                    + mean.length + " covariance, got " + covariance.length + " rows");
        }
        for (double[] row : covariance) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException("covariance rows must have length " + mean.length + ", got "
                        + row.length);
            }
        }
    }

    /**
     * The sample mean and unbiased sample covariance of {@code features}, computed in two passes (centred).
     *
     * @throws IllegalArgumentException with fewer than two vectors
     */
    public static GaussianStatistics of(Features features) {
        int n = features.count();
        int d = features.dimension();
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + n);
        }
        double[] v = features.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[j] = v[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) {
                    continue;
                }
                double[] row = cov[a];
                for (int b = a; b < d; b++) {
                    row[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        return new GaussianStatistics(mean, cov);
    }

    /** d. */
    public int dimension() {
        return mean.length;
    }
}
