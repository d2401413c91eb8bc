package org.alws.core.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.alws.core.run.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line and scatter plots written as PNG files, each replaced atomically. Series are given as
 * {@code name -> {x[], y[]}}, drawn in the map's order. Points that cannot be drawn are skipped rather than failing
 * the plot: non-finite coordinates, and coordinates {@code <= 0} on a logarithmic axis; a series left with no point
 * is left out (a plot with no drawable point at all is still written, empty). Works headless.
 */
public final class Plots {
    /** Width of plots when none is given, in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Height of plots when none is given, in pixels. */
    public static final int DEFAULT_HEIGHT = 600;

    private Plots() {
    }

    /** A line plot of {@link #DEFAULT_WIDTH} x {@link #DEFAULT_HEIGHT} pixels. */
    public static void line(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series,
            boolean logX, boolean logY) {
        line(png, title, xLabel, yLabel, series, logX, logY, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * A line plot of the given size.
     *
     * @param png the file to write
     * @param series name to {@code {x[], y[]}}, both of one length
     * @throws IllegalArgumentException if a series is not a pair of equally long arrays, or the size is not positive
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static void line(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series,
            boolean logX, boolean logY, int width, int height) {
        plot(png, title, xLabel, yLabel, series, logX, logY, width, height, XYSeries.XYSeriesRenderStyle.Line);
    }

    /** A scatter plot of {@link #DEFAULT_WIDTH} x {@link #DEFAULT_HEIGHT} pixels. */
    public static void scatter(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series,
            boolean logX, boolean logY) {
        scatter(png, title, xLabel, yLabel, series, logX, logY, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * A scatter plot of the given size.
     *
     * @param png the file to write
     * @param series name to {@code {x[], y[]}}, both of one length
     * @throws IllegalArgumentException if a series is not a pair of equally long arrays, or the size is not positive
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static void scatter(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series,
            boolean logX, boolean logY, int width, int height) {
        plot(png, title, xLabel, yLabel, series, logX, logY, width, height, XYSeries.XYSeriesRenderStyle.Scatter);
    }

    /**
     * Histograms of several samples on common bins ({@code bins} equal bins from the smallest to the largest finite
     * value of all samples), each drawn as the step outline of its counts, in the map's order, at
     * {@link #DEFAULT_WIDTH} x {@link #DEFAULT_HEIGHT} pixels. Non-finite values are left out.
     *
     * @param samples name to values
     * @throws IllegalArgumentException if {@code bins} is not positive
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static void histograms(Path png, String title, String xLabel, String yLabel, Map<String, double[]> samples,
            int bins) {
        Objects.requireNonNull(samples, "samples");
        if (bins < 1) {
            throw new IllegalArgumentException("histogram bins is " + bins + "; expected positive");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : samples.values()) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == hi) {
            double pad = lo == 0 ? 0.5 : 0.05 * Math.abs(lo);
            lo -= pad;
            hi += pad;
        }
        Map<String, double[][]> outlines = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            outlines.put(e.getKey(), Double.isFinite(lo) ? outline(e.getValue(), lo, hi, bins)
                    : new double[][] {new double[0], new double[0]});
        }
        plot(png, title, xLabel, yLabel, outlines, false, false, DEFAULT_WIDTH, DEFAULT_HEIGHT,
                XYSeries.XYSeriesRenderStyle.Line);
    }

    /** The step outline {x, y} of the counts of {@code values} in {@code bins} equal bins of [lo, hi]. */
    static double[][] outline(double[] values, double lo, double hi, int bins) {
        double[] counts = new double[bins];
        double width = (hi - lo) / bins;
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[(int) Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)))]++;
            }
        }
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        for (int b = 0; b <= bins; b++) {
            double edge = b == bins ? hi : lo + b * width;
            x[2 * b] = edge;
            x[2 * b + 1] = edge;
            y[2 * b] = b == 0 ? 0 : counts[b - 1];
            y[2 * b + 1] = b == bins ? 0 : counts[b];
        }
        return new double[][] {x, y};
    }

    private static void plot(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series,
            boolean logX, boolean logY, int width, int height, XYSeries.XYSeriesRenderStyle style) {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(series, "series");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("plot size is " + width + "x" + height + "; expected positive");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(nullToEmpty(title))
                .xAxisTitle(nullToEmpty(xLabel)).yAxisTitle(nullToEmpty(yLabel)).build();
        chart.getStyler().setDefaultSeriesRenderStyle(style);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setMarkerSize(style == XYSeries.XYSeriesRenderStyle.Scatter ? 5 : 0);
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        chart.getStyler().setYAxisDecimalPattern("#,##0.####");
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int drawn = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] xy = drawable(e.getKey(), e.getValue(), logX, logY);
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(e.getKey(), xy[0], xy[1]);
            if (style == XYSeries.XYSeriesRenderStyle.Line) {
                s.setMarker(SeriesMarkers.NONE);
            }
            drawn++;
        }
        // XChart rejects a logarithmic axis without data; an empty plot gets linear axes.
        chart.getStyler().setXAxisLogarithmic(logX && drawn > 0);
        chart.getStyler().setYAxisLogarithmic(logY && drawn > 0);
        // Label 1-2-5 steps on logarithmic axes, not only the powers of ten.
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode plot " + png.toAbsolutePath() + " as PNG", e);
        }
        AtomicFiles.write(png, bytes);
    }

    /** The points of one series that can be drawn on the chosen axes. */
    private static double[][] drawable(String name, double[][] xy, boolean logX, boolean logY) {
        if (xy == null || xy.length != 2 || xy[0] == null || xy[1] == null) {
            throw new IllegalArgumentException("series '" + name + "' must be {x[], y[]}");
        }
        double[] x = xy[0];
        double[] y = xy[1];
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and "
                    + y.length + " y values; expected equally many");
        }
        double[] keptX = new double[x.length];
        double[] keptY = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i], logX) && usable(y[i], logY)) {
                keptX[n] = x[i];
                keptY[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(keptX, n), Arrays.copyOf(keptY, n)};
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
