package org.alws.core.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.alws.core.run.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several line charts tiled into one PNG file (replaced atomically), two per row, each with its own y axis: for
 * figures of different scales against one x axis, such as every evaluation metric of a run against epochs. Each
 * series is drawn with a marker on every point; non-finite points are left out. Works headless.
 */
public final class MetricPanels {
    /** Width of one panel, in pixels. */
    static final int PANEL_WIDTH = 560;
    /** Height of one panel, in pixels. */
    static final int PANEL_HEIGHT = 380;
    /** Panels per row. */
    static final int COLUMNS = 2;

    private MetricPanels() {
    }

    /**
     * Writes the panels.
     *
     * @param panels panel title to its series, each series name to {@code {x[], y[]}}
     * @throws IllegalArgumentException if a series is not a pair of equally long arrays
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static void write(Path png, String xLabel, Map<String, Map<String, double[][]>> panels) {
        Objects.requireNonNull(png, "png");
        List<BufferedImage> images = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[][]>> p : panels.entrySet()) {
            images.add(BitmapEncoder.getBufferedImage(chart(p.getKey(), xLabel, p.getValue())));
        }
        int columns = Math.max(1, Math.min(COLUMNS, images.size()));
        int rows = Math.max(1, (images.size() + columns - 1) / columns);
        BufferedImage canvas = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            for (int i = 0; i < images.size(); i++) {
                g.drawImage(images.get(i), (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(canvas, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode plot " + png.toAbsolutePath() + " as PNG", e);
        }
        AtomicFiles.write(png, bytes.toByteArray());
    }

    private static XYChart chart(String title, String xLabel, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(title).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        chart.getStyler().setYAxisDecimalPattern("#,##0.####");
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] xy = e.getValue();
            if (xy == null || xy.length != 2 || xy[0].length != xy[1].length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' must be {x[], y[]} of one length");
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < xy[0].length; i++) {
                if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
                    x.add(xy[0][i]);
                    y.add(xy[1][i]);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
