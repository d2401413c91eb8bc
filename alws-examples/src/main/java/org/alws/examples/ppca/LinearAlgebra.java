package org.alws.examples.ppca;

import java.util.Arrays;
import org.alws.api.NumericalException;

/**
 * The little dense linear algebra that probabilistic PCA needs, on row-major {@code double[]} matrices: Cholesky
 * factorisation and solves, and a cyclic Jacobi eigen-solver for symmetric matrices. Written here so that this
 * plugin depends on {@code alws-api} alone.
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /** Eigenvalues in descending order, with the matching unit eigenvectors as the columns of an n×n matrix. */
    record Eigen(double[] values, double[] vectors, int n) {
        /** Column {@code j} of the eigenvector matrix. */
        double[] vector(int j) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = vectors[i * n + j];
            }
            return v;
        }
    }

    /**
     * The lower-triangular L with L Lᵀ = a, for a symmetric positive-definite n×n matrix.
     *
     * @throws NumericalException if a pivot is not positive (the matrix is not positive definite)
     */
    static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            if (!(d > 0)) {
                throw new NumericalException("cholesky: pivot " + j + " of a " + n + "x" + n + " matrix is " + d
                        + "; expected a positive-definite matrix");
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return l;
    }

    /** Solves L y = b (forward substitution) for lower-triangular L. */
    static double[] forward(double[] l, int n, double[] b) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        return y;
    }

    /** Solves Lᵀ x = y (back substitution) for lower-triangular L. */
    static double[] backward(double[] l, int n, double[] y) {
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return x;
    }

    /** Solves (L Lᵀ) x = b. */
    static double[] choleskySolve(double[] l, int n, double[] b) {
        return backward(l, n, forward(l, n, b));
    }

    /** (L Lᵀ)⁻¹, symmetric. */
    static double[] choleskyInverse(double[] l, int n) {
        double[] inv = new double[n * n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            Arrays.fill(e, 0);
            e[j] = 1;
            double[] col = choleskySolve(l, n, e);
            for (int i = 0; i < n; i++) {
                inv[i * n + j] = col[i];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (inv[i * n + j] + inv[j * n + i]);
                inv[i * n + j] = s;
                inv[j * n + i] = s;
            }
        }
        return inv;
    }

    /** log det(L Lᵀ) = 2 Σ log L_ii. */
    static double logDeterminant(double[] l, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(l[i * n + i]);
        }
        return 2 * s;
    }

    /**
     * Eigen-decomposition of a symmetric n×n matrix by the cyclic Jacobi method: plane rotations annihilate each
     * off-diagonal element in turn until the off-diagonal part is negligible (relative 1e-15 of the Frobenius norm).
     * Accurate to a few ulps of the largest eigenvalue, and orthogonal eigenvectors even for repeated eigenvalues.
     *
     * @throws IllegalArgumentException if the matrix is not symmetric (relative 1e-10)
     */
    static Eigen symmetricEigen(double[] matrix, int n) {
        double[] a = matrix.clone();
        double norm = 0;
        for (double v : a) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-10 * norm) {
                    throw new IllegalArgumentException("eigen: element (" + i + ", " + j + ") is " + a[i * n + j]
                            + " but (" + j + ", " + i + ") is " + a[j * n + i] + "; expected a symmetric matrix");
                }
            }
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (Math.sqrt(2 * off) <= 1e-15 * norm || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, n, p, q);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = a[i * n + i];
        }
        Arrays.sort(order, (i, j) -> Double.compare(diag[j], diag[i]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int c = 0; c < n; c++) {
            values[c] = diag[order[c]];
            for (int r = 0; r < n; r++) {
                vectors[r * n + c] = v[r * n + order[c]];
            }
        }
        return new Eigen(values, vectors, n);
    }

    /** One Jacobi rotation in the (p, q) plane that zeroes a[p][q], applied to a (both sides) and to v (right). */
    private static void rotate(double[] a, double[] v, int n, int p, int q) {
        double apq = a[p * n + q];
        if (apq == 0) {
            return;
        }
        double app = a[p * n + p];
        double aqq = a[q * n + q];
        // t = tan(angle) solves t² + 2θt − 1 = 0 with θ = (aqq − app)/(2 apq); the smaller root keeps |angle| <= π/4.
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        if (Double.isInfinite(theta * theta)) {
            t = 1 / (2 * theta);
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int r = 0; r < n; r++) {
            double arp = a[r * n + p];
            double arq = a[r * n + q];
            a[r * n + p] = c * arp - s * arq;
            a[r * n + q] = s * arp + c * arq;
        }
        for (int r = 0; r < n; r++) {
            double apr = a[p * n + r];
            double aqr = a[q * n + r];
            a[p * n + r] = c * apr - s * aqr;
            a[q * n + r] = s * apr + c * aqr;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (int r = 0; r < n; r++) {
            double vrp = v[r * n + p];
            double vrq = v[r * n + q];
            v[r * n + p] = c * vrp - s * vrq;
            v[r * n + q] = s * vrp + c * vrq;
        }
    }
}
