package org.alws.models.np;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import org.alws.api.backend.Workspace;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.models.figure.PngFiles;

/**
 * The predictive bands of a trained {@link NeuralProcessModel} on a few test functions ({@value #FILE}), drawn with
 * Java2D (headless; plugins depend on {@code alws-api} and the JDK only). One panel per function shows the noiseless
 * curve a·sin(x − b), the noisy curve faint, the context points and the held-out targets, and the predictive mean
 * and central 90% band over a fine grid of {@value #GRID} locations. Both come from K draws z_k ~ p(z | context):
 * the predictive distribution at x is the mixture (1/K) Σ_k N(μ_y(x, z_k), σ_y(x, z_k)²), whose mean is the average
 * of the μ_y and whose 5% and 95% quantiles are found by bisection on its distribution function (analytic, not from
 * sampled y). Each panel is titled with log p(y_H | x_H, context) of its held-out targets, from K other draws.
 */
public final class NeuralProcessFigure {
    /** The file name the picture is written under. */
    public static final String FILE = "neural-process.png";
    /** Locations of the fine grid the band is drawn on. */
    static final int GRID = 200;
    /** The band's lower and upper probabilities. */
    static final double LOWER = 0.05;
    static final double UPPER = 0.95;
    private static final double Y_MIN = -2;
    private static final double Y_MAX = 2;
    private static final int COLUMNS = 3;
    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 260;
    private static final int MARGIN = 24;
    private static final int GAP_X = 70;
    private static final int GAP_Y = 78;
    private static final Color TRUE_CURVE = Color.BLACK;
    private static final Color NOISY = new Color(150, 150, 150, 110);
    private static final Color CONTEXT = new Color(214, 39, 40);
    private static final Color HELD_OUT = new Color(44, 160, 44);
    private static final Color MEAN = new Color(31, 119, 180);
    private static final Color BAND = new Color(31, 119, 180, 60);

    private NeuralProcessFigure() {
    }

    /**
     * What the picture shows.
     *
     * @param functions the test functions, whole
     * @param contextPoints C: the first C targets of each function are its context
     * @param predictive the predictive distributions on the fine grid, K draws per function
     * @param heldOut per function, log p(y_H | x_H, context) of its held-out targets
     */
    public record Content(SineFunction[] functions, int contextPoints, NeuralProcessPredictions.Predictive predictive,
            double[] heldOut) {
        /** The predictive mean of function f on the grid. */
        double[] mean(int f) {
            int q = predictive.points().length;
            int k = predictive.samples();
            double[] mean = new double[q];
            for (int j = 0; j < q; j++) {
                double sum = 0;
                for (int s = 0; s < k; s++) {
                    sum += predictive.loc(f, s, j);
                }
                mean[j] = sum / k;
            }
            return mean;
        }

        /** The predictive distribution's {@code probability} quantile of function f on the grid. */
        double[] quantile(int f, double probability) {
            int q = predictive.points().length;
            int k = predictive.samples();
            double[] out = new double[q];
            double[] locs = new double[k];
            double[] scales = new double[k];
            for (int j = 0; j < q; j++) {
                for (int s = 0; s < k; s++) {
                    locs[s] = predictive.loc(f, s, j);
                    scales[s] = predictive.scale(f, s, j);
                }
                out[j] = mixtureQuantile(locs, scales, probability);
            }
            return out;
        }
    }

    /**
     * The picture's content for {@code functions} (whose targets' first C are the context): {@code samples} draws of
     * z per function for the band and as many others for the titles, all from {@code seeds}.
     */
    public static Content content(Workspace workspace, NeuralProcessModel model, Parameters parameters,
            SineFunction[] functions, int samples, SeedStream seeds) {
        int n = functions.length;
        int c = model.contextPoints();
        double[][] contextX = new double[n][];
        double[][] contextY = new double[n][];
        double[] rows = new double[n * model.rowLength()];
        for (int i = 0; i < n; i++) {
            contextX[i] = Arrays.copyOf(functions[i].targetLocations(), c);
            contextY[i] = Arrays.copyOf(functions[i].targetValues(), c);
            System.arraycopy(functions[i].row(c), 0, rows, i * model.rowLength(), model.rowLength());
        }
        NeuralProcessPredictions.Predictive predictive = NeuralProcessPredictions.predictive(workspace, model,
                parameters, contextX, contextY, SineFunction.grid(GRID), samples, seeds.child("bands").random(0));
        NeuralProcessPredictions.Scores scores = NeuralProcessPredictions.scores(workspace, model, parameters,
                HostArray.of(Shape.of(n, model.rowLength()), rows), samples,
                seeds.child("titles").random(0));
        return new Content(functions.clone(), c, predictive, scores.heldOut());
    }

    /**
     * The {@code probability} quantile of the mixture (1/K) Σ_k N(locs_k, scales_k²), by bisection on its
     * distribution function.
     */
    static double mixtureQuantile(double[] locs, double[] scales, double probability) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < locs.length; k++) {
            lo = Math.min(lo, locs[k] - 10 * scales[k]);
            hi = Math.max(hi, locs[k] + 10 * scales[k]);
        }
        for (int iteration = 0; iteration < 60 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); iteration++) {
            double mid = 0.5 * (lo + hi);
            double cdf = 0;
            for (int k = 0; k < locs.length; k++) {
                cdf += Gaussians.cdf((mid - locs[k]) / scales[k]);
            }
            if (cdf / locs.length < probability) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * Draws {@code content} into {@code directory}/{@value #FILE}, replacing it atomically, and returns the file.
     *
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static Path write(Path directory, Content content) {
        int n = content.functions().length;
        int columns = Math.min(COLUMNS, n);
        int rows = (n + COLUMNS - 1) / COLUMNS;
        int top = 2 * MARGIN + 40;
        int left = MARGIN + 40;
        int width = Math.max(2 * left + columns * PANEL_WIDTH + (columns - 1) * GAP_X, 760);
        int height = top + rows * (PANEL_HEIGHT + GAP_Y) + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("neural-process: predictive mean and 90% band given " + content.contextPoints()
                    + " context points, from K = " + content.predictive().samples() + " draws z ~ p(z | context)",
                    MARGIN, MARGIN + 4);
            legend(g, MARGIN, MARGIN + 30);
            for (int f = 0; f < n; f++) {
                int x0 = left + (f % COLUMNS) * (PANEL_WIDTH + GAP_X);
                int y0 = top + (f / COLUMNS) * (PANEL_HEIGHT + GAP_Y) + 20;
                panel(g, content, f, x0, y0);
            }
        } finally {
            g.dispose();
        }
        Path png = directory.resolve(FILE);
        PngFiles.write(image, png);
        return png;
    }

    private static void panel(Graphics2D g, Content content, int f, int left, int top) {
        SineFunction function = content.functions()[f];
        axes(g, left, top);
        Graphics2D clipped = (Graphics2D) g.create();
        try {
            clipped.clipRect(left, top, PANEL_WIDTH, PANEL_HEIGHT);
            double[] grid = content.predictive().points();
            double[] lower = content.quantile(f, LOWER);
            double[] upper = content.quantile(f, UPPER);
            Path2D band = new Path2D.Double();
            band.moveTo(px(left, grid[0]), py(top, lower[0]));
            for (int j = 1; j < grid.length; j++) {
                band.lineTo(px(left, grid[j]), py(top, lower[j]));
            }
            for (int j = grid.length - 1; j >= 0; j--) {
                band.lineTo(px(left, grid[j]), py(top, upper[j]));
            }
            band.closePath();
            clipped.setColor(BAND);
            clipped.fill(band);
            clipped.setColor(NOISY);
            double[] xs = function.grid();
            double[] ys = function.values();
            for (int i = 0; i < xs.length; i++) {
                clipped.fill(new Ellipse2D.Double(px(left, xs[i]) - 2, py(top, ys[i]) - 2, 4, 4));
            }
            clipped.setStroke(new BasicStroke(1.5f));
            clipped.setColor(TRUE_CURVE);
            clipped.draw(curveOf(left, top, grid, function::mean));
            double[] mean = content.mean(f);
            clipped.setColor(MEAN);
            clipped.setStroke(new BasicStroke(2f));
            clipped.draw(curve(left, top, grid, j -> mean[j]));
            double[] tx = function.targetLocations();
            double[] ty = function.targetValues();
            for (int i = 0; i < tx.length; i++) {
                double x = px(left, tx[i]);
                double y = py(top, ty[i]);
                if (i < content.contextPoints()) {
                    clipped.setColor(CONTEXT);
                    clipped.fill(new Ellipse2D.Double(x - 5, y - 5, 10, 10));
                } else {
                    clipped.setColor(HELD_OUT);
                    clipped.setStroke(new BasicStroke(2f));
                    clipped.draw(new Rectangle2D.Double(x - 4.5, y - 4.5, 9, 9));
                }
            }
        } finally {
            clipped.dispose();
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(String.format(Locale.ROOT, "a = %.2f, b = %.2f: log p(y_H | x_H, context) = %.3f",
                function.amplitude(), function.phase(), content.heldOut()[f]), left, top - 8);
    }

    /** The polyline through (grid_j, value(j)). */
    private static Path2D curve(int left, int top, double[] grid, IntToDoubleFunction value) {
        Path2D path = new Path2D.Double();
        for (int j = 0; j < grid.length; j++) {
            double x = px(left, grid[j]);
            double y = py(top, value.applyAsDouble(j));
            if (j == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        return path;
    }

    /** The polyline through (grid_j, value(grid_j)). */
    private static Path2D curveOf(int left, int top, double[] grid, DoubleUnaryOperator value) {
        return curve(left, top, grid, j -> value.applyAsDouble(grid[j]));
    }

    private static double px(int left, double x) {
        return left + (x + Math.PI) / (2 * Math.PI) * PANEL_WIDTH;
    }

    private static double py(int top, double y) {
        return top + (Y_MAX - y) / (Y_MAX - Y_MIN) * PANEL_HEIGHT;
    }

    private static void axes(Graphics2D g, int left, int top) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, PANEL_WIDTH, PANEL_HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        String[] xLabels = {"−π", "−π/2", "0", "π/2", "π"};
        for (int i = 0; i < xLabels.length; i++) {
            int x = (int) Math.round(px(left, -Math.PI + i * Math.PI / 2));
            g.drawLine(x, top + PANEL_HEIGHT, x, top + PANEL_HEIGHT + 4);
            g.drawString(xLabels[i], x - fm.stringWidth(xLabels[i]) / 2, top + PANEL_HEIGHT + 4 + fm.getAscent());
        }
        for (int v = (int) Y_MIN; v <= (int) Y_MAX; v++) {
            int y = (int) Math.round(py(top, v));
            g.drawLine(left - 4, y, left, y);
            String s = String.valueOf(v);
            g.drawString(s, left - 6 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        String xLabel = "x";
        g.drawString(xLabel, left + (PANEL_WIDTH - fm.stringWidth(xLabel)) / 2,
                top + PANEL_HEIGHT + 6 + 2 * fm.getHeight());
    }

    private static void legend(Graphics2D g, int left, int baseline) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int x = left;
        String[] labels = {"a·sin(x − b)", "noisy curve", "context", "held-out targets", "predictive mean",
            "90% band"};
        for (int i = 0; i < labels.length; i++) {
            int cy = baseline - fm.getAscent() / 2 + 1;
            switch (i) {
                case 0 -> line(g, TRUE_CURVE, 1.5f, x, cy);
                case 1 -> {
                    g.setColor(NOISY.darker());
                    g.fillOval(x + 8, cy - 2, 4, 4);
                }
                case 2 -> {
                    g.setColor(CONTEXT);
                    g.fillOval(x + 5, cy - 5, 10, 10);
                }
                case 3 -> {
                    g.setColor(HELD_OUT);
                    g.setStroke(new BasicStroke(2f));
                    g.drawRect(x + 5, cy - 4, 9, 9);
                }
                case 4 -> line(g, MEAN, 2f, x, cy);
                default -> {
                    g.setColor(BAND);
                    g.fillRect(x, cy - 6, 20, 12);
                }
            }
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.BLACK);
            g.drawString(labels[i], x + 26, baseline);
            x += 26 + fm.stringWidth(labels[i]) + 22;
        }
    }

    private static void line(Graphics2D g, Color color, float width, int x, int y) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width));
        g.drawLine(x, y, x + 20, y);
    }
}
