package org.alws.models.ica;

import org.alws.api.tensor.HostArray;

/**
 * The Amari index, how far a learned mixing matrix is from the true one up to a permutation and a scaling of the
 * sources (Amari, Cichocki and Yang 1996). For the k × k matrix P = M⁺A that maps the true sources to the learned ones
 * (M the learned D × k mixing matrix, M⁺ its pseudo-inverse (MᵀM)⁻¹Mᵀ, A the true one),
 *
 * <pre>
 *   index(P) = [ Σ_i (Σ_j |p_ij| / max_j |p_ij| − 1) + Σ_j (Σ_i |p_ij| / max_i |p_ij| − 1) ] / (2k(k − 1)),
 * </pre>
 *
 * which is 0 exactly when P has one non-zero entry in every row and column (a scaled permutation: M = A up to
 * permutation and scale) and at most 1. It is 0 for k = 1.
 */
public final class AmariIndex {
    private AmariIndex() {
    }

    /**
     * The index of a square matrix.
     *
     * @throws IllegalArgumentException if {@code p} is not square, has a non-finite entry or a row or column of zeros
     */
    public static double of(double[][] p) {
        int k = p.length;
        for (double[] row : p) {
            if (row.length != k) {
                throw new IllegalArgumentException("Amari index: expected a square matrix, got " + k + " rows of "
                        + row.length);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Amari index: the matrix holds a non-finite entry " + v);
                }
            }
        }
        if (k == 1) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            double sum = 0;
            double max = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.abs(p[i][j]);
                max = Math.max(max, Math.abs(p[i][j]));
            }
            total += ratio(sum, max, "row", i);
        }
        for (int j = 0; j < k; j++) {
            double sum = 0;
            double max = 0;
            for (int i = 0; i < k; i++) {
                sum += Math.abs(p[i][j]);
                max = Math.max(max, Math.abs(p[i][j]));
            }
            total += ratio(sum, max, "column", j);
        }
        return total / (2.0 * k * (k - 1));
    }

    private static double ratio(double sum, double max, String what, int index) {
        if (!(max > 0)) {
            throw new IllegalArgumentException("Amari index: " + what + " " + index + " is all zeros");
        }
        return sum / max - 1;
    }

    /**
     * The index of M⁺A between a learned and a true mixing matrix, both D × k (D ≥ k, columns = sources).
     *
     * @throws IllegalArgumentException if the shapes differ, D &lt; k, or the learned matrix has rank &lt; k
     */
    public static double between(double[][] learned, double[][] truth) {
        return of(unmixedTruth(learned, truth));
    }

    /** P = M⁺A = (MᵀM)⁻¹MᵀA, k × k: row i is how much of each true source the learned source i carries. */
    public static double[][] unmixedTruth(double[][] learned, double[][] truth) {
        int d = learned.length;
        int k = d == 0 ? 0 : learned[0].length;
        if (d == 0 || k == 0 || truth.length != d || truth[0].length != k) {
            throw new IllegalArgumentException("Amari index: a learned mixing matrix of " + d + " x " + k
                    + " against a true one of " + truth.length + " x " + (truth.length == 0 ? 0 : truth[0].length)
                    + "; expected the same D x k shapes");
        }
        if (d < k) {
            throw new IllegalArgumentException("Amari index: " + k + " sources in only " + d + " dimensions cannot "
                    + "be unmixed");
        }
        double[][] gram = new double[k][k];
        double[][] rhs = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double g = 0;
                double r = 0;
                for (int n = 0; n < d; n++) {
                    g += learned[n][i] * learned[n][j];
                    r += learned[n][i] * truth[n][j];
                }
                gram[i][j] = g;
                rhs[i][j] = r;
            }
        }
        return solve(gram, rhs);
    }

    /** X with G X = R, by Gaussian elimination with partial pivoting (G is k × k). */
    private static double[][] solve(double[][] g, double[][] r) {
        int k = g.length;
        double[][] a = new double[k][];
        double[][] b = new double[k][];
        double scale = 0;
        for (int i = 0; i < k; i++) {
            a[i] = g[i].clone();
            b[i] = r[i].clone();
            scale = Math.max(scale, Math.abs(g[i][i]));
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int i = c + 1; i < k; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[pivot][c])) {
                    pivot = i;
                }
            }
            if (!(Math.abs(a[pivot][c]) > 1e-12 * scale)) {
                throw new IllegalArgumentException("Amari index: the learned mixing matrix has rank < " + k
                        + " (its sources are not distinct)");
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            t = b[c];
            b[c] = b[pivot];
            b[pivot] = t;
            for (int i = c + 1; i < k; i++) {
                double f = a[i][c] / a[c][c];
                for (int j = c; j < k; j++) {
                    a[i][j] -= f * a[c][j];
                }
                for (int j = 0; j < k; j++) {
                    b[i][j] -= f * b[c][j];
                }
            }
        }
        double[][] x = new double[k][k];
        for (int i = k - 1; i >= 0; i--) {
            for (int j = 0; j < k; j++) {
                double v = b[i][j];
                for (int m = i + 1; m < k; m++) {
                    v -= a[i][m] * x[m][j];
                }
                x[i][j] = v / a[i][i];
            }
        }
        return x;
    }

    /** The mixing matrix Wᵀ (D × k) of an {@link IcaModel} whose filters {@code W} are [k, D]. */
    public static double[][] mixingOf(HostArray w) {
        if (w.shape().rank() != 2) {
            throw new IllegalArgumentException("ICA filters: expected W of shape [k, D], got " + w.shape());
        }
        int k = Math.toIntExact(w.shape().dim(0));
        int d = Math.toIntExact(w.shape().dim(1));
        double[] v = w.doubles();
        double[][] m = new double[d][k];
        for (int i = 0; i < k; i++) {
            for (int n = 0; n < d; n++) {
                m[n][i] = v[i * d + n];
            }
        }
        return m;
    }
}
