package org.alws.models.blowfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's comparison and files, on series made up here (no model needed). */
class BlowflyReportTest {
    @TempDir
    Path tmp;

    private static double[] wave(int length, double period, double level) {
        double[] x = new double[length];
        for (int t = 0; t < length; t++) {
            x[t] = level + 0.2 * Math.sin(2 * Math.PI * t / period);
        }
        return x;
    }

    private static HostArray rows(double[]... series) {
        int t = series[0].length;
        double[] v = new double[series.length * t];
        for (int i = 0; i < series.length; i++) {
            System.arraycopy(series[i], 0, v, i * t, t);
        }
        return HostArray.of(Shape.of(series.length, t), v);
    }

    @Test
    void simulationsEqualToTheDataHaveNoErrorAndOtherOnesHaveTheirs() {
        double[] data = wave(180, 19, 0.3);
        BlowflyReport.Result same = BlowflyReport.compare(rows(data), rows(data, data, data), 20);
        assertThat(same.meanError()).isCloseTo(0, within(1e-12));
        assertThat(same.stdError()).isCloseTo(0, within(1e-12));
        assertThat(same.periodError()).isZero();
        assertThat(same.autocorrelationGap()).isCloseTo(0, within(1e-12));

        BlowflyReport.Result other = BlowflyReport.compare(rows(data), rows(wave(180, 38, 0.45)), 20);
        assertThat(other.meanError()).isCloseTo(0.5, within(0.02));
        assertThat(other.periodError()).isCloseTo(1.0, within(0.05));
        assertThat(other.autocorrelationGap()).isGreaterThan(0.5);
    }

    @Test
    void simulationsOfAnotherLengthAreRejected() {
        assertThatThrownBy(() -> BlowflyReport.compare(rows(wave(180, 19, 0.3)), rows(wave(150, 19, 0.3)), 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blowfly report: simulated series of shape [1, 150] against a data series of 180 points; "
                        + "expected [S, 180]");
    }

    @Test
    void writesThePictureAndTheParameters() throws IOException {
        double[] data = wave(180, 19, 0.3);
        BlowflyReport.Result r = BlowflyReport.compare(rows(data), rows(wave(180, 20, 0.3), wave(180, 18, 0.32),
                wave(180, 19, 0.28), wave(180, 21, 0.3), wave(180, 19, 0.31), wave(180, 17, 0.3)), 20);
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("P", 0.526);
        parameters.put("N0", 19.7);
        BlowflyReport.write(tmp.resolve("plots"), r, parameters);

        BufferedImage png = ImageIO.read(tmp.resolve("plots").resolve(BlowflyReport.TRAJECTORIES_PNG).toFile());
        assertThat(png.getWidth()).isEqualTo(1000);
        assertThat(png.getHeight()).isEqualTo(480);
        assertThat(colours(png)).as("distinct colours: data, five simulations, axes, grid").isGreaterThan(8);
        String text = Files.readString(tmp.resolve("plots").resolve(BlowflyReport.SUMMARY_FILE));
        assertThat(text).contains("P            0.526000").contains("N0           19.7000")
                .contains("mean of 6 series").contains("period");
    }

    @Test
    void ticksAreRoundAndCoverTheRange() {
        assertThat(LineChart.ticks(0, 1)).containsExactly(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, within(1e-12));
        assertThat(LineChart.ticks(0, 179)).containsExactly(0, 50, 100, 150, 200);
        double[] ticks = LineChart.ticks(0, 1.3);
        assertThat(LineChart.label(0.5, ticks)).isEqualTo("0.5");
        assertThat(LineChart.label(0, LineChart.ticks(0, 179))).isEqualTo("0");
    }

    private static long colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
