package org.alws.models.ring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.alws.api.backend.Workspace;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.models.figure.PngFiles;

/**
 * The picture of a trained {@link GaborRingModel} ({@value #FILE}), drawn with Java2D (headless; plugins depend on
 * {@code alws-api} and the JDK only):
 *
 * <ul>
 *   <li>a row of the mean images at {@value #ALONG} angles evenly spaced around the latent circle, from −180°, each
 *       labelled with its angle above and its structure-tensor orientation below (pixels from −1, black, to 1,
 *       white);
 *   <li>the learned map from latent angle to orientation: a scatter of (angle, orientation) over {@code samples}
 *       joint draws;
 *   <li>the histogram of those orientations in 10° bins against the uniform density, titled with their
 *       Kolmogorov–Smirnov statistic.
 * </ul>
 */
public final class GaborRingFigure {
    /** The file name the picture is written under. */
    public static final String FILE = "gabor-ring.png";
    /** Images drawn along the circle. */
    public static final int ALONG = 16;
    private static final int ZOOM = 4;
    private static final int GAP = 6;
    private static final int MARGIN = 24;
    private static final int PANEL_HEIGHT = 300;
    private static final int BINS = 18;

    private GaborRingFigure() {
    }

    /**
     * What the picture shows: the images along the circle and the orientations of joint draws.
     *
     * @param along the mean images at {@value #ALONG} angles around the circle
     * @param samples the mean images of joint draws, with their angles
     */
    public record Content(MeanImages.Draws along, MeanImages.Draws samples) {
        /** The Kolmogorov–Smirnov statistic of the samples' orientations against U[0, π). */
        public double ks() {
            return KolmogorovSmirnov.againstUniform(samples.orientations(), 0, Math.PI);
        }
    }

    /** The images along the circle and {@code count} joint draws (seeded by {@code seeds}) of the model. */
    public static Content content(Workspace workspace, GaborRingModel model, Parameters parameters, int count,
            SeedStream seeds) {
        double[] angles = new double[ALONG];
        for (int j = 0; j < ALONG; j++) {
            angles[j] = -Math.PI + 2 * Math.PI * j / ALONG;
        }
        return new Content(MeanImages.decode(workspace, model, parameters, angles),
                MeanImages.sample(workspace, model, parameters, count, seeds));
    }

    /**
     * Draws {@code content} into {@code directory}/{@value #FILE}, replacing it atomically, and returns the file.
     *
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static Path write(Path directory, Content content) {
        Path png = directory.resolve(FILE);
        int h = content.along().height();
        int w = content.along().width();
        int cell = w * ZOOM + GAP;
        int width = Math.max(2 * MARGIN + ALONG * cell, 900);
        int stripTop = 2 * MARGIN + 16;
        int panelTop = stripTop + h * ZOOM + 3 * MARGIN;
        int height = panelTop + PANEL_HEIGHT + 2 * MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("gabor-ring: mean images around the latent circle, and the orientations of "
                    + content.samples().count() + " samples", MARGIN, MARGIN + 4);
            strip(g, content.along(), MARGIN, stripTop, cell);
            int panelWidth = (width - 3 * MARGIN) / 2 - 40;
            scatter(g, content.samples(), MARGIN + 50, panelTop, panelWidth, PANEL_HEIGHT);
            histogram(g, content, 2 * MARGIN + panelWidth + 90, panelTop, panelWidth, PANEL_HEIGHT);
        } finally {
            g.dispose();
        }
        PngFiles.write(image, png);
        return png;
    }

    private static void strip(Graphics2D g, MeanImages.Draws along, int left, int top, int cell) {
        int h = along.height();
        int w = along.width();
        double[] images = along.images();
        double[] angles = along.angles().orElseThrow();
        double[] orientations = along.orientations();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k < along.count(); k++) {
            int x0 = left + k * cell;
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double v = images[k * h * w + i * w + j];
                    int grey = (int) Math.round(255 * Math.min(1, Math.max(0, (v + 1) / 2)));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + j * ZOOM, top + i * ZOOM, ZOOM, ZOOM);
                }
            }
            g.setColor(Color.BLACK);
            String above = String.format(Locale.ROOT, "%.0f°", Math.toDegrees(angles[k]));
            String below = String.format(Locale.ROOT, "θ %.0f°", Math.toDegrees(orientations[k]));
            g.drawString(above, x0 + (w * ZOOM - fm.stringWidth(above)) / 2, top - 4);
            g.drawString(below, x0 + (w * ZOOM - fm.stringWidth(below)) / 2, top + h * ZOOM + fm.getAscent() + 2);
        }
    }

    private static void scatter(Graphics2D g, MeanImages.Draws samples, int left, int top, int width, int height) {
        axes(g, left, top, width, height, "latent angle a (degrees)", "orientation θ (degrees)",
                new double[] {-180, -90, 0, 90, 180}, new double[] {0, 45, 90, 135, 180});
        g.setColor(new Color(31, 119, 180, 120));
        double[] angles = samples.angles().orElseThrow();
        double[] orientations = samples.orientations();
        for (int k = 0; k < angles.length; k++) {
            int x = left + (int) Math.round((Math.toDegrees(angles[k]) + 180) / 360 * width);
            int y = top + height - (int) Math.round(Math.toDegrees(orientations[k]) / 180 * height);
            g.fillOval(x - 2, y - 2, 4, 4);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("learned map from latent angle to orientation", left, top - 8);
    }

    private static void histogram(Graphics2D g, Content content, int left, int top, int width, int height) {
        double[] orientations = content.samples().orientations();
        double[] density = new double[BINS];
        double binWidth = 180.0 / BINS;
        for (double o : orientations) {
            density[Math.min(BINS - 1, (int) (Math.toDegrees(o) / binWidth))] += 1.0 / (orientations.length
                    * binWidth);
        }
        double uniform = 1 / 180.0;
        double ceiling = 2.5 * uniform;
        for (double d : density) {
            ceiling = Math.max(ceiling, 1.1 * d);
        }
        axes(g, left, top, width, height, "orientation θ (degrees)", "density (per degree)",
                new double[] {0, 45, 90, 135, 180}, new double[] {0, ceiling / 2, ceiling});
        g.setColor(new Color(255, 127, 14));
        for (int b = 0; b < BINS; b++) {
            int x0 = left + (int) Math.round(b * binWidth / 180 * width);
            int x1 = left + (int) Math.round((b + 1) * binWidth / 180 * width);
            int bar = (int) Math.round(density[b] / ceiling * height);
            g.fillRect(x0 + 1, top + height - bar, x1 - x0 - 2, bar);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        int yu = top + height - (int) Math.round(uniform / ceiling * height);
        g.drawLine(left, yu, left + width, yu);
        g.setStroke(new BasicStroke(1));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(String.format(Locale.ROOT, "orientations vs uniform (dashed): KS = %.3f", content.ks()), left,
                top - 8);
    }

    /** A frame with ticks and labels; the ticks' values are spread evenly along each axis. */
    private static void axes(Graphics2D g, int left, int top, int width, int height, String xLabel, String yLabel,
            double[] xTicks, double[] yTicks) {
        g.setColor(Color.BLACK);
        g.drawRect(left, top, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < xTicks.length; i++) {
            int x = left + (int) Math.round((double) i / (xTicks.length - 1) * width);
            g.drawLine(x, top + height, x, top + height + 4);
            String s = tick(xTicks[i]);
            g.drawString(s, x - fm.stringWidth(s) / 2, top + height + 4 + fm.getAscent());
        }
        for (int i = 0; i < yTicks.length; i++) {
            int y = top + height - (int) Math.round((double) i / (yTicks.length - 1) * height);
            g.drawLine(left - 4, y, left, y);
            String s = tick(yTicks[i]);
            g.drawString(s, left - 6 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        g.drawString(xLabel, left + (width - fm.stringWidth(xLabel)) / 2, top + height + 8 + 2 * fm.getHeight());
        Graphics2D r = (Graphics2D) g.create();
        try {
            r.rotate(-Math.PI / 2);
            r.drawString(yLabel, -(top + (height + fm.stringWidth(yLabel)) / 2), left - 48);
        } finally {
            r.dispose();
        }
    }

    private static String tick(double v) {
        return v == Math.rint(v) && Math.abs(v) >= 1 || v == 0 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
