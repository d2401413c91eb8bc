package org.alws.core.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.alws.core.run.AtomicFiles;

/**
 * A grid of grayscale images written as a PNG file (replaced atomically): one row per entry, each with a text label
 * on its left (in a column {@value #LABEL_WIDTH} pixels wide, or as wide as the widest label), each image drawn with every pixel as a {@code zoom} × {@code zoom} square, values from {@code low}
 * (black) to {@code high} (white), clipped. Works headless.
 */
public final class ImageGrid {
    /** Pixels between images and around the grid. */
    static final int GAP = 4;
    /** Width reserved for the row labels, in pixels (more when a label is wider). */
    static final int LABEL_WIDTH = 190;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private ImageGrid() {
    }

    /**
     * One row of the grid.
     *
     * @param label the text drawn on the row's left
     * @param images row-major images of {@code height × width} values each
     */
    public record Row(String label, List<double[]> images) {
        /** Copies the list. */
        public Row {
            Objects.requireNonNull(label, "label");
            images = List.copyOf(images);
        }
    }

    /**
     * Writes the grid.
     *
     * @throws IllegalArgumentException if an image does not hold {@code height × width} values, the sizes are not
     *     positive, or {@code low >= high}
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static void write(Path png, List<Row> rows, int height, int width, double low, double high, int zoom) {
        Objects.requireNonNull(png, "png");
        if (height < 1 || width < 1 || zoom < 1) {
            throw new IllegalArgumentException("image grid: images of " + height + "x" + width + " at zoom " + zoom
                    + "; expected positive sizes");
        }
        if (!(low < high)) {
            throw new IllegalArgumentException("image grid: value range [" + low + ", " + high + "] is empty");
        }
        int columns = 0;
        for (Row r : rows) {
            columns = Math.max(columns, r.images().size());
            for (double[] image : r.images()) {
                if (image.length != height * width) {
                    throw new IllegalArgumentException("image grid: row '" + r.label() + "' has an image of "
                            + image.length + " values; expected " + height + "x" + width);
                }
            }
        }
        int cellW = width * zoom;
        int cellH = height * zoom;
        int labelWidth = labelWidth(rows);
        int totalW = labelWidth + columns * (cellW + GAP) + GAP;
        int totalH = Math.max(1, rows.size()) * (cellH + GAP) + GAP;
        BufferedImage canvas = new BufferedImage(totalW, totalH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, totalW, totalH);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(FONT);
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int top = GAP + r * (cellH + GAP);
                g.setColor(Color.BLACK);
                g.drawString(row.label(), GAP, top + cellH / 2 + g.getFontMetrics().getAscent() / 2);
                for (int c = 0; c < row.images().size(); c++) {
                    draw(canvas, row.images().get(c), labelWidth + GAP + c * (cellW + GAP), top, height, width,
                            zoom, low, high);
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(canvas, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode image grid " + png.toAbsolutePath() + " as PNG", e);
        }
        AtomicFiles.write(png, bytes.toByteArray());
    }

    /** {@link #LABEL_WIDTH}, or the widest label with a gap on either side if that is wider. */
    private static int labelWidth(List<Row> rows) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            int widest = 0;
            for (Row r : rows) {
                widest = Math.max(widest, g.getFontMetrics(FONT).stringWidth(r.label()));
            }
            return Math.max(LABEL_WIDTH, widest + 2 * GAP);
        } finally {
            g.dispose();
        }
    }

    private static void draw(BufferedImage canvas, double[] image, int left, int top, int height, int width, int zoom,
            double low, double high) {
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                double v = image[i * width + j];
                double t = Double.isFinite(v) ? Math.min(1, Math.max(0, (v - low) / (high - low))) : 0;
                int grey = (int) Math.round(255 * t);
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        canvas.setRGB(left + j * zoom + dx, top + i * zoom + dy, rgb);
                    }
                }
            }
        }
    }

    /**
     * The height and width to draw a flattened image of {@code size} values at: the most nearly square factorisation
     * h × w with h &lt;= w (28 × 28 for 784, 4 × 8 for 32; 1 × n for a prime n).
     */
    public static int[] layout(long size) {
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image size " + size + " out of range");
        }
        int h = (int) Math.floor(Math.sqrt(size));
        while (size % h != 0) {
            h--;
        }
        return new int[] {h, (int) (size / h)};
    }
}
