package org.alws.models.blowfly;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alws.models.figure.PngFiles;
import org.alws.api.StorageException;

/**
 * A plain line chart drawn with Java2D (headless) and written as a PNG: a title, axes with about six round ticks
 * each, a light grid, one polyline per series and a legend. The plugin draws its own pictures because plugins depend
 * on {@code alws-api} and the JDK only.
 */
final class LineChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One polyline: its legend label, colour, width and the y value at x = 0, 1, 2, ... */
    record Series(String label, Color colour, float width, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    LineChart add(String label, Color colour, float width, double[] y) {
        series.add(new Series(label, colour, width, y.clone()));
        return this;
    }

    /**
     * Draws the chart into {@code png}, replacing it atomically.
     *
     * @throws StorageException naming the file if it cannot be written
     */
    void write(Path png) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        PngFiles.write(image, png);
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int points = 1;
        double yMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            points = Math.max(points, s.y().length);
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    yMax = Math.max(yMax, v);
                    yMin = Math.min(yMin, v);
                }
            }
        }
        if (!(yMax > yMin)) {
            yMin = Double.isFinite(yMin) ? yMin - 1 : 0;
            yMax = yMin + 2;
        }
        double[] yTicks = ticks(Math.min(0, yMin), yMax);
        double[] xTicks = ticks(0, points - 1);
        Frame f = new Frame(0, Math.max(1, points - 1), yTicks[0], yTicks[yTicks.length - 1]);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double t : yTicks) {
            int py = f.py(t);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT, py, WIDTH - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            String s = label(t, yTicks);
            g.drawString(s, LEFT - 6 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        for (double t : xTicks) {
            if (t > f.x1) {
                continue;
            }
            int px = f.px(t);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String s = label(t, xTicks);
            g.drawString(s, px - fm.stringWidth(s) / 2, HEIGHT - BOTTOM + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT - fm.stringWidth(xLabel)) / 2, HEIGHT - 12);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(TOP + (HEIGHT - TOP - BOTTOM + fm.stringWidth(yLabel)) / 2), 18);
        rotated.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, TOP - 14);

        g.setClip(LEFT, TOP, WIDTH - LEFT - RIGHT + 1, HEIGHT - TOP - BOTTOM + 1);
        for (Series s : series) {
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.y().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    started = false;
                    continue;
                }
                double px = f.pxExact(i);
                double py = f.pyExact(s.y()[i]);
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
            }
            g.setColor(s.colour());
            g.setStroke(new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(line);
        }
        g.setClip(null);
        legend(g);
    }

    private void legend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int widest = 0;
        for (Series s : series) {
            widest = Math.max(widest, fm.stringWidth(s.label()));
        }
        int x = WIDTH - RIGHT - widest - 50;
        int y = TOP + 8;
        int rowHeight = fm.getHeight() + 2;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 6, y - 4, widest + 46, rowHeight * series.size() + 6);
        g.setColor(Color.GRAY);
        g.drawRect(x - 6, y - 4, widest + 46, rowHeight * series.size() + 6);
        for (Series s : series) {
            int cy = y + rowHeight / 2;
            g.setColor(s.colour());
            g.setStroke(new BasicStroke(Math.max(2f, s.width())));
            g.drawLine(x, cy, x + 28, cy);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), x + 34, cy + fm.getAscent() / 2 - 1);
            y += rowHeight;
        }
    }

    /** Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about six of them. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    /** The tick value {@code v} with as many decimals as the ticks' step needs. */
    static String label(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }

    /** Maps data coordinates to pixels. */
    private record Frame(double x0, double x1, double y0, double y1) {
        double pxExact(double x) {
            return LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
        }

        double pyExact(double y) {
            return HEIGHT - BOTTOM - (y - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
        }

        int px(double x) {
            return (int) Math.round(pxExact(x));
        }

        int py(double y) {
            return (int) Math.round(pyExact(y));
        }
    }
}
