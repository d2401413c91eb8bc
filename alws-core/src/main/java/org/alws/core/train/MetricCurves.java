package org.alws.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.core.run.MetricsLog;
import org.alws.core.run.MetricsRecord;

/** The evaluations of a run as curves against epochs (steps / steps per epoch), from its metrics.jsonl records. */
public final class MetricCurves {
    private MetricCurves() {
    }

    /** Every evaluated metric, in order of first appearance, as {@code {epochs[], values[]}}. */
    public static Map<String, double[][]> read(List<MetricsRecord> records, long stepsPerEpoch) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (MetricsRecord r : records) {
            if (r.kind().equals(MetricsLog.EVAL)) {
                for (Map.Entry<String, Double> e : r.values().entrySet()) {
                    points.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(new double[] {(double) r.step() / stepsPerEpoch, e.getValue()});
                }
            }
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        points.forEach((name, list) -> {
            double[] x = new double[list.size()];
            double[] y = new double[list.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = list.get(i)[0];
                y[i] = list.get(i)[1];
            }
            out.put(name, new double[][] {x, y});
        });
        return out;
    }

    /**
     * The curves grouped into panels by family, the part of the name before its first underscore, so that a figure
     * is drawn with its floor, ceiling and error ({@code fid} with {@code fid_floor} and {@code fid_noise}); a panel
     * of one curve is titled with the curve's full name.
     */
    public static Map<String, Map<String, double[][]>> byFamily(Map<String, double[][]> curves) {
        Map<String, Map<String, double[][]>> families = new LinkedHashMap<>();
        curves.forEach((name, xy) -> {
            int cut = name.indexOf('_');
            String family = cut > 0 ? name.substring(0, cut) : name;
            families.computeIfAbsent(family, f -> new LinkedHashMap<>()).put(name, xy);
        });
        Map<String, Map<String, double[][]>> out = new LinkedHashMap<>();
        families.forEach((family, members) -> out.put(members.size() == 1 ? members.keySet().iterator().next()
                : family, members));
        return out;
    }
}
