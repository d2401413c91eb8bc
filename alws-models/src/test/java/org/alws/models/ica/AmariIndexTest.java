package org.alws.models.ica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/** The Amari index: zero exactly for a permuted, rescaled mixing matrix, positive otherwise, at most one. */
class AmariIndexTest {

    private static double[][] mixing() {
        return IcaDataProvider.mixingMatrix(new IcaDataProvider.Options(5, 9, 0.1, 1, 1), SeedStream.root(4));
    }

    /** A's columns in the order {@code order}, column j multiplied by {@code scales[j]}. */
    private static double[][] permutedScaled(double[][] a, int[] order, double[] scales) {
        double[][] out = new double[a.length][order.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < order.length; j++) {
                out[i][j] = scales[j] * a[i][order[j]];
            }
        }
        return out;
    }

    @Test
    void zeroForThePermutedRescaledTrueMixing() {
        double[][] a = mixing();
        double[][] learned = permutedScaled(a, new int[] {3, 0, 4, 1, 2}, new double[] {-2.5, 0.3, 1, -1, 7});
        assertThat(AmariIndex.between(learned, a)).isCloseTo(0, within(1e-12));
        assertThat(AmariIndex.between(a, a)).isCloseTo(0, within(1e-12));
    }

    @Test
    void positiveWhenTheSourcesAreMixedAndLargerTheMoreTheyAre() {
        double[][] a = mixing();
        double previous = 0;
        for (double eps : new double[] {0.01, 0.1, 0.5}) {
            double[][] learned = permutedScaled(a, new int[] {0, 1, 2, 3, 4}, new double[] {1, 1, 1, 1, 1});
            for (double[] row : learned) {
                row[0] += eps * row[1];
            }
            double index = AmariIndex.between(learned, a);
            assertThat(index).as("column 0 plus %s times column 1", eps).isGreaterThan(previous);
            previous = index;
        }
        double[][] rotated = permutedScaled(a, new int[] {0, 1, 2, 3, 4}, new double[] {1, 1, 1, 1, 1});
        double c = Math.cos(Math.PI / 4);
        for (double[] row : rotated) {
            double u = row[0];
            double v = row[1];
            row[0] = c * u - c * v;
            row[1] = c * u + c * v;
        }
        // A 45° rotation of two of five sources: rows 0, 1 and columns 0, 1 each contribute 1 (= 2/1 − 1).
        assertThat(AmariIndex.between(rotated, a)).isCloseTo(4.0 / (2 * 5 * 4), within(1e-12));
    }

    @Test
    void theIndexOfASquareMatrixByHand() {
        assertThat(AmariIndex.of(new double[][] {{0, 3}, {-2, 0}})).isZero();
        // Rows: (1+1)/1 − 1 = 1 and (0.5+1)/1 − 1 = 0.5; columns: 1 and 0.5 → 3 / (2·2·1).
        assertThat(AmariIndex.of(new double[][] {{1, 1}, {0.5, 1}})).isCloseTo(0.75, within(1e-15));
        assertThat(AmariIndex.of(new double[][] {{1, 1}, {1, 1}})).isEqualTo(1.0);
        assertThat(AmariIndex.of(new double[][] {{5}})).isZero();
    }

    @Test
    void theModelsMixingIsTheTransposeOfItsFilters() {
        HostArray w = HostArray.of(Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6});
        assertThat(AmariIndex.mixingOf(w)).isDeepEqualTo(new double[][] {{1, 4}, {2, 5}, {3, 6}});
    }

    @Test
    void badShapesAndDegenerateMatricesAreRejected() {
        double[][] a = mixing();
        assertThatThrownBy(() -> AmariIndex.between(new double[9][4], a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Amari index: a learned mixing matrix of 9 x 4 against a true one of 9 x 5; expected the "
                        + "same D x k shapes");
        double[][] collinear = permutedScaled(a, new int[] {0, 0, 2, 3, 4}, new double[] {1, 2, 1, 1, 1});
        assertThatThrownBy(() -> AmariIndex.between(collinear, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Amari index: the learned mixing matrix has rank < 5 (its sources are not distinct)");
        assertThatThrownBy(() -> AmariIndex.of(new double[][] {{1, 0}, {0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Amari index: row 1 is all zeros");
    }
}
