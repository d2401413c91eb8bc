package org.alws.models.ica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.alws.api.ConfigException;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/** The synthetic ICA data against their generator's moments. */
class IcaDataTest {

    @Test
    void theMixingHasUnitColumnsAndDependsOnTheSeed() {
        IcaDataProvider.Options o = new IcaDataProvider.Options(8, 16, 0.1, 10, 10);
        double[][] a = IcaDataProvider.mixingMatrix(o, SeedStream.root(1).child("dataset"));
        assertThat(a.length).isEqualTo(16);
        for (int j = 0; j < 8; j++) {
            double norm = 0;
            for (double[] row : a) {
                norm += row[j] * row[j];
            }
            assertThat(norm).as("squared norm of column %d", j).isCloseTo(1, within(1e-12));
        }
        assertThat(IcaDataProvider.mixingMatrix(o, SeedStream.root(1).child("dataset"))).isDeepEqualTo(a);
        assertThat(IcaDataProvider.mixingMatrix(o, SeedStream.root(2).child("dataset"))[0][0]).isNotEqualTo(a[0][0]);
    }

    @Test
    void theCovarianceIsTwiceAATransposedPlusTheNoise() {
        IcaDataProvider.Options o = new IcaDataProvider.Options(3, 4, 0.5, 200_000, 10);
        SeedStream seeds = SeedStream.root(5).child("dataset");
        DataSplits d = new IcaDataProvider().load(o, seeds);
        double[][] a = IcaDataProvider.mixingMatrix(o, seeds);
        HostArray x = d.train().all();
        assertThat(x.shape()).isEqualTo(Shape.of(200_000, 4));
        double[] v = x.doubles();
        int n = 200_000;
        for (int p = 0; p < 4; p++) {
            for (int q = 0; q < 4; q++) {
                double c = 0;
                for (int i = 0; i < n; i++) {
                    c += v[i * 4 + p] * v[i * 4 + q];
                }
                c /= n;
                double expected = p == q ? 0.25 : 0;
                for (int j = 0; j < 3; j++) {
                    expected += 2 * a[p][j] * a[q][j]; // Var Laplace(0, 1) = 2
                }
                assertThat(c).as("covariance (%d, %d)", p, q).isCloseTo(expected, within(0.03));
            }
        }
    }

    @Test
    void fewerDimensionsThanSourcesNameTheDimension() {
        assertThatThrownBy(() -> new IcaDataProvider.Options(8, 6, 0.1, 10, 10)).isInstanceOf(ConfigException.class)
                .hasMessage("dimension: got 6, expected at least as many dimensions as sources (8), so that the "
                        + "mixing can be recovered");
    }
}
