package org.alws.core.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path temp;

    private static Map<String, double[][]> curves() {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("alws", new double[][] {{1, 10, 100, 1000}, {5.0, 2.0, 1.0, 0.5}});
        series.put("vae", new double[][] {{1, 10, 100, 1000}, {6.0, 3.0, 2.0, 1.5}});
        return series;
    }

    @Test
    void theTestsRunHeadless() {
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void aLinePlotIsAPngOfTheRequestedSize() throws IOException {
        Path png = temp.resolve("plots/loss.png");

        Plots.line(png, "Loss", "step", "loss", curves(), true, true, 640, 480);

        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(distinctColours(image)).isGreaterThan(3);
    }

    @Test
    void aScatterPlotHasTheDefaultSizeUnlessToldOtherwise() throws IOException {
        Path png = temp.resolve("scatter.png");

        Plots.scatter(png, "Samples", "x1", "x2", curves(), false, false);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(Plots.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(Plots.DEFAULT_HEIGHT);
    }

    @Test
    void nonFinitePointsAreSkippedAsIfTheyWereNotThere() throws IOException {
        Map<String, double[][]> dirty = new LinkedHashMap<>();
        dirty.put("a", new double[][] {{1, 2, Double.NaN, 3, 4}, {1, Double.POSITIVE_INFINITY, 5, 2, 3}});
        dirty.put("b", new double[][] {{1, 2}, {Double.NaN, Double.NEGATIVE_INFINITY}});
        dirty.put("c", new double[][] {{1, 4}, {2, 2}});
        Map<String, double[][]> clean = new LinkedHashMap<>();
        clean.put("a", new double[][] {{1, 3, 4}, {1, 2, 3}});
        clean.put("c", new double[][] {{1, 4}, {2, 2}});

        Plots.scatter(temp.resolve("dirty.png"), "t", "x", "y", dirty, false, false, 300, 200);
        Plots.scatter(temp.resolve("clean.png"), "t", "x", "y", clean, false, false, 300, 200);

        assertThat(pixels(temp.resolve("dirty.png"))).isEqualTo(pixels(temp.resolve("clean.png")));
    }

    @Test
    void nonPositivePointsAreSkippedOnLogarithmicAxes() throws IOException {
        Map<String, double[][]> dirty = Map.of("a", new double[][] {{0, 1, 10, -5, 100}, {1, 1, -2, 3, 0.5}});
        Map<String, double[][]> clean = Map.of("a", new double[][] {{1, 100}, {1, 0.5}});

        Plots.line(temp.resolve("dirty.png"), "t", "x", "y", dirty, true, true, 300, 200);
        Plots.line(temp.resolve("clean.png"), "t", "x", "y", clean, true, true, 300, 200);

        assertThat(pixels(temp.resolve("dirty.png"))).isEqualTo(pixels(temp.resolve("clean.png")));
    }

    @Test
    void aPlotWithNothingDrawableIsStillWritten() throws IOException {
        Path png = temp.resolve("empty.png");

        Plots.line(png, "nothing", "x", "y", Map.of("a", new double[][] {{Double.NaN}, {1}}), true, true, 200, 100);

        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(200);
    }

    @Test
    void badSeriesAreRejectedByName() {
        Path png = temp.resolve("bad.png");

        assertThatThrownBy(() -> Plots.line(png, "t", "x", "y", Map.of("a", new double[][] {{1, 2}, {1}}),
                false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series 'a' has 2 x values and 1 y values; expected equally many");
        assertThatThrownBy(() -> Plots.line(png, "t", "x", "y", Map.of("a", new double[][] {{1, 2}}), false, false))
                .hasMessage("series 'a' must be {x[], y[]}");
        assertThatThrownBy(() -> Plots.line(png, "t", "x", "y", curves(), false, false, 0, 10))
                .hasMessage("plot size is 0x10; expected positive");
        assertThat(png).doesNotExist();
    }

    @Test
    void rewritingAPlotReplacesItAndLeavesNoTemporaryFile() throws IOException {
        Path png = temp.resolve("p.png");
        Plots.line(png, "one", "x", "y", curves(), false, false, 100, 100);
        Plots.line(png, "two", "x", "y", curves(), false, false, 120, 90);

        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(120);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p.png");
        }
    }

    private static int[] pixels(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static long distinctColours(BufferedImage image) {
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(rgb).distinct().count();
    }
}
