package org.alws.examples.ppca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.alws.api.NumericalException;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {

    private static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                }
            }
        }
        return c;
    }

    private static double[] transpose(double[] a, int n) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j * n + i] = a[i * n + j];
            }
        }
        return t;
    }

    /** A random orthogonal matrix: Gram–Schmidt on Gaussian columns. */
    private static double[] randomOrthogonal(int n, SplittableRandom random) {
        double[] q = new double[n * n];
        for (int j = 0; j < n; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * q[i * n + k];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[i * n + k];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i * n + j] = v[i] / norm;
            }
        }
        return q;
    }

    private static double[] withSpectrum(double[] q, double[] lambda) {
        int n = lambda.length;
        double[] ql = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ql[i * n + j] = q[i * n + j] * lambda[j];
            }
        }
        return multiply(ql, transpose(q, n), n);
    }

    private static void assertIsEigenDecomposition(double[] a, LinearAlgebra.Eigen e, double tolerance) {
        int n = e.n();
        for (int j = 0; j < n; j++) {
            double[] v = e.vector(j);
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[i * n + k] * v[k];
                }
                assertThat(av).as("(A v - lambda v)[%d] for eigenpair %d", i, j)
                        .isCloseTo(e.values()[j] * v[i], within(tolerance));
            }
        }
        double[] vtv = multiply(transpose(e.vectors(), n), e.vectors(), n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(vtv[i * n + j]).isCloseTo(i == j ? 1 : 0, within(1e-14));
            }
        }
        for (int j = 1; j < n; j++) {
            assertThat(e.values()[j]).isLessThanOrEqualTo(e.values()[j - 1]);
        }
    }

    @Test
    void eigenOfATwoByTwo() {
        double[] a = {2, 1, 1, 2};
        LinearAlgebra.Eigen e = LinearAlgebra.symmetricEigen(a, 2);
        assertThat(e.values()[0]).isCloseTo(3, within(1e-15));
        assertThat(e.values()[1]).isCloseTo(1, within(1e-15));
        assertThat(Math.abs(e.vector(0)[0])).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(e.vector(0)[0] * e.vector(0)[1]).isCloseTo(0.5, within(1e-15));
        assertIsEigenDecomposition(a, e, 1e-15);
    }

    @Test
    void eigenOfADiagonalMatrixSortsIt() {
        double[] a = {1, 0, 0, 0, -4, 0, 0, 0, 7};
        LinearAlgebra.Eigen e = LinearAlgebra.symmetricEigen(a, 3);
        assertThat(e.values()).containsExactly(7, 1, -4);
        assertIsEigenDecomposition(a, e, 0);
    }

    @Test
    void eigenOfTheSecondDifferenceMatrix() {
        // tridiag(-1, 2, -1) of order n has eigenvalues 2 - 2 cos(j pi / (n + 1)), j = 1..n.
        int n = 8;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i + 1 < n) {
                a[i * n + i + 1] = -1;
                a[(i + 1) * n + i] = -1;
            }
        }
        LinearAlgebra.Eigen e = LinearAlgebra.symmetricEigen(a, n);
        for (int j = 1; j <= n; j++) {
            assertThat(e.values()[n - j]).isCloseTo(2 - 2 * Math.cos(j * Math.PI / (n + 1)), within(1e-14));
        }
        assertIsEigenDecomposition(a, e, 1e-14);
    }

    @Test
    void eigenOfARandomMatrixWithKnownAndRepeatedSpectrum() {
        SplittableRandom random = new SplittableRandom(11);
        double[] lambda = {5, 2, 2, 2, 0, -1, 1e-9, 3.5, 40, 2};
        double[] a = withSpectrum(randomOrthogonal(lambda.length, random), lambda);
        LinearAlgebra.Eigen e = LinearAlgebra.symmetricEigen(a, lambda.length);
        double[] sorted = lambda.clone();
        java.util.Arrays.sort(sorted);
        // A itself carries rounding errors of a few ulps of its norm (40), which bound the attainable accuracy.
        for (int j = 0; j < lambda.length; j++) {
            assertThat(e.values()[j]).isCloseTo(sorted[lambda.length - 1 - j], within(1e-12));
        }
        assertIsEigenDecomposition(a, e, 1e-12);
    }

    @Test
    void eigenRejectsAnAsymmetricMatrix() {
        assertThatThrownBy(() -> LinearAlgebra.symmetricEigen(new double[] {1, 2, 3, 4}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a symmetric matrix");
    }

    @Test
    void choleskyFactorsSolvesInvertsAndGivesTheLogDeterminant() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 7;
        double[] lambda = {0.3, 1, 2, 4, 8, 16, 0.05};
        double[] a = withSpectrum(randomOrthogonal(n, random), lambda);
        double[] l = LinearAlgebra.cholesky(a, n);
        double[] llt = multiply(l, transpose(l, n), n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(llt[i * n + j]).isCloseTo(a[i * n + j], within(1e-13));
                if (j > i) {
                    assertThat(l[i * n + j]).isZero();
                }
            }
        }
        double[] b = {1, -2, 3, 0.5, 0, 7, -1};
        double[] x = LinearAlgebra.choleskySolve(l, n, b);
        for (int i = 0; i < n; i++) {
            double ax = 0;
            for (int k = 0; k < n; k++) {
                ax += a[i * n + k] * x[k];
            }
            assertThat(ax).isCloseTo(b[i], within(1e-12));
        }
        double[] inv = LinearAlgebra.choleskyInverse(l, n);
        double[] id = multiply(a, inv, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(id[i * n + j]).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
        double logDet = 0;
        for (double v : lambda) {
            logDet += Math.log(v);
        }
        assertThat(LinearAlgebra.logDeterminant(l, n)).isCloseTo(logDet, within(1e-13));
    }

    @Test
    void choleskyRejectsAnIndefiniteMatrix() {
        assertThatThrownBy(() -> LinearAlgebra.cholesky(new double[] {1, 2, 2, 1}, 2))
                .isInstanceOf(NumericalException.class)
                .hasMessage("cholesky: pivot 1 of a 2x2 matrix is -3.0; expected a positive-definite matrix");
    }
}
