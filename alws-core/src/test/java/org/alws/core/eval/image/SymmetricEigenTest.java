package org.alws.core.eval.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Jacobi eigendecomposition reconstructs its matrix with orthonormal vectors, also for singular matrices. */
class SymmetricEigenTest {

    private static void assertDecomposes(double[][] a, double tolerance) {
        int d = a.length;
        SymmetricEigen e = new SymmetricEigen(a);
        double[][] v = e.vectors();
        double[] lambda = e.values();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double reconstructed = 0;
                double gram = 0;
                for (int k = 0; k < d; k++) {
                    reconstructed += v[i][k] * lambda[k] * v[j][k];
                    gram += v[k][i] * v[k][j];
                }
                assertThat(reconstructed).as("(V L V^T)[%d][%d]", i, j).isCloseTo(a[i][j], within(tolerance));
                assertThat(gram).as("(V^T V)[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void decomposesARandomSymmetricMatrix() {
        SplittableRandom r = new SplittableRandom(2);
        int d = 30;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                a[i][j] = r.nextDouble(-1, 1);
                a[j][i] = a[i][j];
            }
        }
        assertDecomposes(a, 1e-12);
    }

    @Test
    void decomposesARankDeficientCovarianceWithZeroRows() {
        // The covariance of features with dead units: rank 3 in dimension 12, with all-zero rows and columns.
        SplittableRandom r = new SplittableRandom(3);
        int d = 12;
        double[][] basis = new double[3][d];
        for (double[] b : basis) {
            for (int j = 0; j < d; j += 2) {
                b[j] = r.nextDouble(-2, 2);
            }
        }
        double[][] a = new double[d][d];
        for (double[] b : basis) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i][j] += b[i] * b[j];
                }
            }
        }
        assertDecomposes(a, 1e-12);
        double[] lambda = new SymmetricEigen(a).values();
        Arrays.sort(lambda);
        for (int k = 0; k < d - 3; k++) {
            assertThat(lambda[k]).isCloseTo(0.0, within(1e-12));
        }
        assertThat(lambda[d - 3]).isGreaterThan(1e-3);
    }

    @Test
    void findsTheEigenvaluesOfAKnownMatrix() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        double[] lambda = new SymmetricEigen(new double[][] {{2, 1}, {1, 2}}).values();
        Arrays.sort(lambda);
        assertThat(lambda[0]).isCloseTo(1.0, within(1e-15));
        assertThat(lambda[1]).isCloseTo(3.0, within(1e-15));
    }
}
