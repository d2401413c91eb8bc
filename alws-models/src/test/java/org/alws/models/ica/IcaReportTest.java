package org.alws.models.ica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.alws.api.random.SeedStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching learned filters to the true ones, and the picture. */
class IcaReportTest {
    @TempDir
    Path tmp;

    private static double[][] mixing() {
        return IcaDataProvider.mixingMatrix(new IcaDataProvider.Options(4, 16, 0.1, 1, 1), SeedStream.root(9));
    }

    @Test
    void matchingUndoesAPermutationSignsAndScales() {
        double[][] a = mixing();
        int[] order = {2, 0, 3, 1};
        double[] scales = {-3, 0.5, 2, -0.1};
        double[][] learned = new double[16][4];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 4; j++) {
                learned[i][j] = scales[j] * a[i][order[j]];
            }
        }
        double[][] matched = IcaReport.matched(learned, a);
        for (int i = 0; i < 16; i++) {
            assertThat(matched[i]).containsExactly(a[i], within(1e-12));
        }
    }

    @Test
    void writesThePictureWithTheAmariIndex() throws IOException {
        double[][] a = mixing();
        double[][] learned = new double[16][4];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 4; j++) {
                learned[i][j] = a[i][(j + 1) % 4] + 0.05 * a[i][j];
            }
        }
        double index = IcaReport.write(tmp, learned, a);
        assertThat(index).isEqualTo(AmariIndex.between(learned, a)).isPositive();
        BufferedImage png = ImageIO.read(tmp.resolve(IcaReport.FILTERS_PNG).toFile());
        assertThat(png.getWidth()).isGreaterThan(4 * 72);
        assertThat(png.getHeight()).isGreaterThan(2 * 72);
        assertThat(IcaReport.tileRows(16)).isEqualTo(4);
        assertThat(IcaReport.tileRows(12)).isEqualTo(3);
        assertThat(IcaReport.tileRows(7)).isEqualTo(1);
    }
}
