package org.alws.core.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image grids (pixel values at their places, sizes, errors) and histogram outlines (counts per bin). */
class ImageGridTest {
    @TempDir
    Path temp;

    @Test
    void pixelsAreDrawnAsZoomedGreySquaresAtTheirPlaces() throws IOException {
        Path png = temp.resolve("grid.png");
        // Two rows; the second has two 2x3 images. Values from 0 (black) to 2 (white); 3 is clipped to white.
        double[] a = {0, 1, 2, 2, 1, 0};
        double[] b = {3, 3, 3, 0, 0, 0};
        ImageGrid.write(png, List.of(new ImageGrid.Row("data", List.of(a)), new ImageGrid.Row("model", List.of(a, b))),
                2, 3, 0, 2, 4);
        BufferedImage image = ImageIO.read(png.toFile());
        int cellW = 3 * 4;
        int cellH = 2 * 4;
        assertThat(image.getWidth()).isEqualTo(ImageGrid.LABEL_WIDTH + 2 * (cellW + ImageGrid.GAP) + ImageGrid.GAP);
        assertThat(image.getHeight()).isEqualTo(2 * (cellH + ImageGrid.GAP) + ImageGrid.GAP);
        int left = ImageGrid.LABEL_WIDTH + ImageGrid.GAP;
        int top = ImageGrid.GAP;
        assertThat(grey(image, left, top)).isEqualTo(0);
        assertThat(grey(image, left + 4 + 3, top + 3)).isEqualTo(128);
        assertThat(grey(image, left + 8, top)).isEqualTo(255);
        assertThat(grey(image, left, top + 4)).isEqualTo(255);
        int secondRow = top + cellH + ImageGrid.GAP;
        int secondImage = left + cellW + ImageGrid.GAP;
        assertThat(grey(image, secondImage, secondRow)).as("3 clipped to white").isEqualTo(255);
        assertThat(grey(image, secondImage + 11, secondRow + 7)).isEqualTo(0);
        assertThat(grey(image, secondImage, top)).as("no second image in the first row").isEqualTo(255);
    }

    @Test
    void aLongLabelWidensTheLabelColumn() throws IOException {
        Path png = temp.resolve("long.png");
        String label = "alws (a-run-directory-with-a-long-name-that-needs-room) denoised";
        ImageGrid.write(png, List.of(new ImageGrid.Row(label, List.of(new double[] {0}))), 1, 1, 0, 1, 10);
        BufferedImage image = ImageIO.read(png.toFile());
        int labelWidth = image.getWidth() - (10 + ImageGrid.GAP) - ImageGrid.GAP;
        assertThat(labelWidth).isGreaterThan(ImageGrid.LABEL_WIDTH);
        // The single black pixel, drawn 10 x 10, starts right after the widened label column and its gap.
        assertThat(grey(image, labelWidth + ImageGrid.GAP, ImageGrid.GAP)).isEqualTo(0);
        assertThat(grey(image, labelWidth + ImageGrid.GAP + 9, ImageGrid.GAP + 9)).isEqualTo(0);
        assertThat(grey(image, labelWidth + ImageGrid.GAP - 1, ImageGrid.GAP + 9)).isEqualTo(255);
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xff;
    }

    @Test
    void badSizesAreRefused() {
        Path png = temp.resolve("bad.png");
        assertThatThrownBy(() -> ImageGrid.write(png, List.of(new ImageGrid.Row("r", List.of(new double[5]))), 2, 3,
                0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image grid: row 'r' has an image of 5 values; expected 2x3");
        assertThatThrownBy(() -> ImageGrid.write(png, List.of(), 2, 3, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image grid: value range [1.0, 1.0] is empty");
    }

    @Test
    void layoutIsTheMostNearlySquareFactorisation() {
        assertThat(ImageGrid.layout(784)).containsExactly(28, 28);
        assertThat(ImageGrid.layout(32)).containsExactly(4, 8);
        assertThat(ImageGrid.layout(13)).containsExactly(1, 13);
        assertThat(ImageGrid.layout(1)).containsExactly(1, 1);
    }

    @Test
    void histogramOutlinesCountTheValuesPerBin() throws IOException {
        double[][] o = Plots.outline(new double[] {0, 0.1, 0.5, 0.99, 1.0, Double.NaN}, 0, 1, 4);
        assertThat(o[0]).containsExactly(0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1);
        assertThat(o[1]).containsExactly(0, 2, 2, 0, 0, 1, 1, 2, 2, 0);
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("alws", new double[] {0.03, 0.04, 0.05});
        samples.put("vae", new double[] {0.06, 0.07});
        Path png = temp.resolve("hist.png");
        Plots.histograms(png, "MSE", "MSE", "images", samples, 10);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(Plots.DEFAULT_WIDTH);
        assertThatThrownBy(() -> Plots.histograms(png, "MSE", "MSE", "images", samples, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("histogram bins is 0; expected positive");
    }
}
