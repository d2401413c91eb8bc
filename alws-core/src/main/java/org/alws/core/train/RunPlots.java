package org.alws.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.SiteInfo;
import org.alws.api.tensor.HostArray;
import org.alws.core.plot.Plots;
import org.alws.core.run.MetricsLog;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;

/**
 * The pictures of a run, written into its {@code plots/} directory: the training loss, the small parameters and the
 * held-out metrics against steps, and samples of the trained model beside the held-out data.
 */
public final class RunPlots {
    /** Number of model samples drawn for the samples picture. */
    static final int SAMPLES = 2000;

    private RunPlots() {
    }

    /** Writes every plot that the run's records support. */
    public static void write(RunDirectory dir, TrainingRun run) {
        List<MetricsRecord> records = dir.readMetrics();
        Path plots = dir.plotsDir();
        Map<String, double[][]> loss = series(records, MetricsLog.TRAIN, "loss");
        if (!loss.isEmpty()) {
            Plots.line(plots.resolve("loss.png"), "Training loss", "step", "loss", loss, false, false);
        }
        Map<String, double[][]> params = seriesWithPrefix(records, "param/");
        if (!params.isEmpty()) {
            Plots.line(plots.resolve("parameters.png"), "Parameters", "step", "value", params, false, false);
        }
        Map<String, double[][]> eval = seriesWithPrefix(records, "");
        eval.keySet().removeIf(k -> !isEval(records, k));
        if (!eval.isEmpty()) {
            Plots.line(plots.resolve("evaluation.png"), "Held-out metrics", "step", "value", eval, false, false);
        }
        if (!run.context().structure().conditional()) {
            // A conditional model has no unconditional samples to show; it draws its own figures (DrawsFigures).
            samples(plots.resolve("samples.png"), run);
        }
    }

    private static boolean isEval(List<MetricsRecord> records, String name) {
        return records.stream().anyMatch(r -> r.kind().equals(MetricsLog.EVAL) && r.values().containsKey(name));
    }

    private static Map<String, double[][]> series(List<MetricsRecord> records, String kind, String name) {
        List<double[]> points = new ArrayList<>();
        for (MetricsRecord r : records) {
            if (r.kind().equals(kind) && r.values().containsKey(name)) {
                points.add(new double[] {r.step(), r.value(name)});
            }
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        if (!points.isEmpty()) {
            out.put(name, columns(points));
        }
        return out;
    }

    private static Map<String, double[][]> seriesWithPrefix(List<MetricsRecord> records, String prefix) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (MetricsRecord r : records) {
            boolean eval = r.kind().equals(MetricsLog.EVAL);
            for (Map.Entry<String, Double> e : r.values().entrySet()) {
                if ((prefix.isEmpty() && eval) || (!prefix.isEmpty() && e.getKey().startsWith(prefix))) {
                    points.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {r.step(),
                        e.getValue()});
                }
            }
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        points.forEach((k, v) -> out.put(prefix.isEmpty() ? k : k.substring(prefix.length()), columns(v)));
        return out;
    }

    private static double[][] columns(List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new double[][] {x, y};
    }

    /** Histograms (one-dimensional data) or a scatter of the first two coordinates of samples and held-out data. */
    static void samples(Path png, TrainingRun run) {
        ModelStructure s = run.context().structure();
        SiteInfo observed = s.observed();
        Map<String, HostArray> drawn = ModelSamples.draw(run.workspace(), run.model(), run.modelParameters(), SAMPLES,
                org.alws.api.random.SeedStream.root(run.resolved().config().seed()).child("plots"));
        HostArray model = drawn.get(observed.name());
        HostArray data = run.data().test().all();
        long width = observed.eventShape().size();
        if (width == 1) {
            double[] a = model.doubles();
            double[] b = data.doubles();
            double lo = Math.min(min(a), min(b));
            double hi = Math.max(max(a), max(b));
            Map<String, double[][]> h = new LinkedHashMap<>();
            h.put("model samples", histogram(a, lo, hi, 60));
            h.put("held-out data", histogram(b, lo, hi, 60));
            Plots.line(png, "Samples of the trained model and held-out data", observed.name(), "density", h, false,
                    false);
        } else {
            Map<String, double[][]> sc = new LinkedHashMap<>();
            sc.put("held-out data", firstTwo(data, width));
            sc.put("model samples", firstTwo(model, width));
            Plots.scatter(png, "Samples of the trained model and held-out data (first two coordinates)",
                    observed.name() + "[0]", observed.name() + "[1]", sc, false, false);
        }
    }

    private static double[][] firstTwo(HostArray a, long width) {
        int n = Math.toIntExact(a.shape().dim(0));
        double[] v = a.doubles();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = v[(int) (i * width)];
            y[i] = v[(int) (i * width + 1)];
        }
        return new double[][] {x, y};
    }

    static double[][] histogram(double[] values, double lo, double hi, int bins) {
        double[] centres = new double[bins];
        double[] density = new double[bins];
        double w = (hi - lo) / bins;
        int counted = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                int b = (int) Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)));
                density[b]++;
                counted++;
            }
        }
        for (int i = 0; i < bins; i++) {
            centres[i] = lo + (i + 0.5) * w;
            density[i] = counted == 0 ? 0 : density[i] / (counted * w);
        }
        return new double[][] {centres, density};
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.min(m, x);
            }
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }
}
