package org.alws.core.eval.image;

/**
 * The Fréchet distance between two Gaussians, the FID of their feature statistics:
 * ‖μ1 − μ2‖² + tr(Σ1 + Σ2 − 2 (Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2}).
 *
 * <p>Computed in float64 from two symmetric eigendecompositions ({@link SymmetricEigen}), which is stable where the
 * product Σ1Σ2 is not:
 * Σ1^{1/2} = V diag(√max(λ, 0)) Vᵀ from Σ1's, then the trace of the square root of the symmetric positive
 * semi-definite M = Σ1^{1/2} Σ2 Σ1^{1/2} as Σ √max(λ_M, 0) from M's. Eigenvalues below zero are rounding errors of
 * singular covariances (more dimensions than images, dead ReLU units) and count as zero.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /**
     * The Fréchet distance between N(μ1, Σ1) and N(μ2, Σ2).
     *
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double between(GaussianStatistics a, GaussianStatistics b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("FID of statistics of dimensions " + d + " and " + b.dimension());
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double traces = 0;
        for (int j = 0; j < d; j++) {
            traces += a.covariance()[j][j] + b.covariance()[j][j];
        }
        return meanTerm + traces - 2 * traceOfSquareRootOfProduct(a.covariance(), b.covariance());
    }

    /** tr((Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2}), which equals the sum of the square roots of the eigenvalues of Σ1Σ2. */
    static double traceOfSquareRootOfProduct(double[][] sigma1, double[][] sigma2) {
        double[][] root = squareRoot(sigma1);
        double[][] m = multiply(multiply(root, sigma2), root);
        double sum = 0;
        for (double lambda : new SymmetricEigen(symmetrised(m)).values()) {
            sum += Math.sqrt(Math.max(lambda, 0));
        }
        return sum;
    }

    /** The symmetric positive semi-definite square root of a symmetric matrix (negative eigenvalues count as 0). */
    static double[][] squareRoot(double[][] s) {
        SymmetricEigen e = new SymmetricEigen(symmetrised(s));
        double[][] v = e.vectors();
        double[] lambda = e.values();
        int d = lambda.length;
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double r = Math.sqrt(Math.max(lambda[k], 0));
            if (r == 0) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                double vik = v[i][k] * r;
                for (int j = 0; j < d; j++) {
                    out[i][j] += vik * v[j][k];
                }
            }
        }
        return symmetrised(out);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] row = out[i];
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    row[j] += aik * bk[j];
                }
            }
        }
        return out;
    }

    /** (M + Mᵀ) / 2. */
    private static double[][] symmetrised(double[][] m) {
        int d = m.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = 0.5 * (m[i][j] + m[j][i]);
            }
        }
        return out;
    }
}
