package org.alws.core.eval.image;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: plane rotations zero the
 * off-diagonal entries one at a time, sweep after sweep, until they are negligible. It always converges (also for the
 * singular, rank-deficient covariances of features with dead units, where QL iterations can fail) and is accurate
 * to a few ulps of the matrix's norm; O(d³) per sweep, a handful of sweeps.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    /**
     * Decomposes {@code a} = V diag(λ) Vᵀ; only the upper triangle of {@code a} is read.
     *
     * @throws IllegalArgumentException if {@code a} is not square or has a non-finite entry
     */
    SymmetricEigen(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (a[i].length != d) {
                throw new IllegalArgumentException("a symmetric matrix must be square, row " + i + " has length "
                        + a[i].length + " of " + d);
            }
            for (int j = i; j < d; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("entry (" + i + ", " + j + ") is " + a[i][j]);
                }
                m[i][j] = a[i][j];
                m[j][i] = a[i][j];
            }
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        double norm = 0;
        for (double[] row : m) {
            for (double x : row) {
                norm += x * x;
            }
        }
        double tolerance = 1e-30 * norm;
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > tolerance; sweep++) {
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(m, v, p, q);
                }
            }
        }
        values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = m[i][i];
        }
        vectors = v;
    }

    /** The eigenvalues, in no particular order. */
    double[] values() {
        return values.clone();
    }

    /** The eigenvectors as columns: column j belongs to {@code values()[j]}; V is orthogonal. */
    double[][] vectors() {
        double[][] out = new double[vectors.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectors[i].clone();
        }
        return out;
    }

    private static double offDiagonal(double[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                sum += 2 * m[i][j] * m[i][j];
            }
        }
        return sum;
    }

    /** M ← Jᵀ M J and V ← V J for the rotation J in the (p, q) plane that zeroes M[p][q]. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        } else if (Double.isInfinite(theta * theta)) {
            t = 1 / (2 * theta);
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int d = m.length;
        for (int k = 0; k < d; k++) {
            double kp = m[k][p];
            double kq = m[k][q];
            m[k][p] = c * kp - s * kq;
            m[k][q] = s * kp + c * kq;
        }
        double[] rowP = m[p];
        double[] rowQ = m[q];
        for (int k = 0; k < d; k++) {
            double pk = rowP[k];
            double qk = rowQ[k];
            rowP[k] = c * pk - s * qk;
            rowQ[k] = s * pk + c * qk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
        for (int k = 0; k < d; k++) {
            double kp = v[k][p];
            double kq = v[k][q];
            v[k][p] = c * kp - s * kq;
            v[k][q] = s * kp + c * kq;
        }
    }
}
