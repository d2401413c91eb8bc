package org.alws.models.ica;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.alws.api.StorageException;
import org.alws.models.figure.PngFiles;

/**
 * The picture of a learned ICA model, {@value #FILTERS_PNG}: every column of the true mixing matrix A (a filter, drawn
 * as an image when D has a near-square factorisation, e.g. 4 × 4 for D = 16) above the learned filter matched to it,
 * flipped and scaled to it, in a blue–white–red map symmetric about zero; beside them |M⁺A| with each row scaled to
 * its maximum, a permutation pattern when the sources are recovered; the Amari index in the title. Plugins depend on
 * {@code alws-api} and the JDK only, so it is drawn with Java2D (headless).
 */
public final class IcaReport {
    /** The file {@link #write} creates. */
    public static final String FILTERS_PNG = "ica-filters.png";

    private static final int TILE = 72;
    private static final int GAP = 8;
    private static final int LABEL = 150;
    private static final int TOP = 44;

    private IcaReport() {
    }

    /**
     * Learned filters matched to the true ones: for each true column j, the learned column with the largest
     * |cosine| to it among those not yet taken (greedily, largest first), flipped and scaled to its least-squares
     * fit of A's column. Returns D × k like {@code truth}.
     */
    public static double[][] matched(double[][] learned, double[][] truth) {
        int d = truth.length;
        int k = truth[0].length;
        double[][] cos = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                double ni = 0;
                double nj = 0;
                for (int n = 0; n < d; n++) {
                    dot += learned[n][i] * truth[n][j];
                    ni += learned[n][i] * learned[n][i];
                    nj += truth[n][j] * truth[n][j];
                }
                cos[i][j] = ni > 0 && nj > 0 ? Math.abs(dot) / Math.sqrt(ni * nj) : 0;
            }
        }
        boolean[] usedLearned = new boolean[k];
        boolean[] usedTrue = new boolean[k];
        int[] source = new int[k];
        for (int step = 0; step < k; step++) {
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    if (!usedLearned[i] && !usedTrue[j] && (bi < 0 || cos[i][j] > cos[bi][bj])) {
                        bi = i;
                        bj = j;
                    }
                }
            }
            usedLearned[bi] = true;
            usedTrue[bj] = true;
            source[bj] = bi;
        }
        double[][] out = new double[d][k];
        for (int j = 0; j < k; j++) {
            int i = source[j];
            double dot = 0;
            double norm = 0;
            for (int n = 0; n < d; n++) {
                dot += learned[n][i] * truth[n][j];
                norm += learned[n][i] * learned[n][i];
            }
            double scale = norm > 0 ? dot / norm : 0;
            for (int n = 0; n < d; n++) {
                out[n][j] = scale * learned[n][i];
            }
        }
        return out;
    }

    /**
     * Writes {@value #FILTERS_PNG} into {@code directory} (created if needed) and returns the Amari index.
     *
     * @param learned the learned mixing matrix, D × k ({@link AmariIndex#mixingOf} of the model's W)
     * @param truth the true mixing matrix A, D × k
     * @throws StorageException naming the file if it cannot be written
     */
    public static double write(Path directory, double[][] learned, double[][] truth) {
        double index = AmariIndex.between(learned, truth);
        double[][] p = AmariIndex.unmixedTruth(learned, truth);
        double[][] fitted = matched(learned, truth);
        int d = truth.length;
        int k = truth[0].length;
        int rows = tileRows(d);
        int cols = d / rows;
        int zoom = Math.max(1, TILE / Math.max(rows, cols));
        int tileW = cols * zoom;
        int tileH = rows * zoom;
        int cell = Math.max(6, (2 * tileH + GAP) / k);
        int width = LABEL + k * (tileW + GAP) + 3 * GAP + k * cell + GAP;
        int height = TOP + Math.max(2 * tileH + GAP, k * cell) + 3 * GAP + 16;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(String.format(Locale.ROOT, "ICA, %d sources in %d dimensions: true mixing A and the matched "
                    + "learned filters (Amari index %.4f)", k, d, index), GAP, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            g.drawString("true A (columns)", GAP, TOP + tileH / 2 + fm.getAscent() / 2);
            g.drawString("learned, matched", GAP, TOP + tileH + GAP + tileH / 2 + fm.getAscent() / 2);
            for (int j = 0; j < k; j++) {
                double m = 0;
                for (int n = 0; n < d; n++) {
                    m = Math.max(m, Math.max(Math.abs(truth[n][j]), Math.abs(fitted[n][j])));
                }
                int x = LABEL + j * (tileW + GAP);
                tile(g, truth, j, rows, cols, zoom, x, TOP, m);
                tile(g, fitted, j, rows, cols, zoom, x, TOP + tileH + GAP, m);
                g.setColor(Color.DARK_GRAY);
                String label = "source " + (j + 1);
                g.drawString(label, x + (tileW - fm.stringWidth(label)) / 2, TOP + 2 * tileH + GAP + 16);
            }
            int px = LABEL + k * (tileW + GAP) + 2 * GAP;
            for (int i = 0; i < k; i++) {
                double max = 0;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, Math.abs(p[i][j]));
                }
                for (int j = 0; j < k; j++) {
                    int level = (int) Math.round(255 * (1 - (max > 0 ? Math.abs(p[i][j]) / max : 0)));
                    g.setColor(new Color(level, level, level));
                    g.fillRect(px + j * cell, TOP + i * cell, cell, cell);
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(px, TOP, k * cell, k * cell);
            g.setColor(Color.DARK_GRAY);
            g.drawString("|M\u207aA| by row", px, TOP - 6);
        } finally {
            g.dispose();
        }
        PngFiles.write(image, directory.resolve(FILTERS_PNG));
        return index;
    }

    /** The largest divisor of D that is at most √D: the rows of a filter's image. */
    static int tileRows(int d) {
        int rows = 1;
        for (int r = 1; (long) r * r <= d; r++) {
            if (d % r == 0) {
                rows = r;
            }
        }
        return rows;
    }

    private static void tile(Graphics2D g, double[][] m, int column, int rows, int cols, int zoom, int x, int y,
            double scale) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = scale > 0 ? m[r * cols + c][column] / scale : 0;
                g.setColor(diverging(v));
                g.fillRect(x + c * zoom, y + r * zoom, zoom, zoom);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, y, cols * zoom, rows * zoom);
    }

    /** −1 blue, 0 white, +1 red. */
    private static Color diverging(double v) {
        double t = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
