package org.alws.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.data.ArrayDataset;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.run.MetricsRecord;
import org.junit.jupiter.api.Test;

/** Which observed sites are pictures, the data's value range, and evaluations as curves against epochs. */
class SampleGridTest {

    private static Optional<List<Integer>> layout(long... dims) {
        return SampleGrid.layout(Shape.of(dims)).map(hw -> List.of(hw[0], hw[1]));
    }

    @Test
    void imagesAreDecidedByShape() {
        assertThat(layout(784)).contains(List.of(28, 28));
        assertThat(layout(64)).contains(List.of(8, 8));
        assertThat(layout(28, 28, 1)).contains(List.of(28, 28));
        assertThat(layout(32, 32)).contains(List.of(32, 32));
        assertThat(layout(1)).isEmpty();
        assertThat(layout(49)).isEmpty();
        assertThat(layout(10)).isEmpty();
        assertThat(layout(28, 28, 3)).isEmpty();
        assertThat(layout(100, 2)).isEmpty();
        assertThat(layout(180)).isEmpty();
    }

    @Test
    void theRangeIsTheTestDataMinimumAndMaximum() {
        ArrayDataset data = new ArrayDataset(HostArray.of(Shape.of(3, 2), new double[] {0.5, -0.25, 2, 1, 0, 0.75}));
        assertThat(SampleGrid.range(data)).containsExactly(-0.25, 2.0);
        ArrayDataset constant = new ArrayDataset(HostArray.of(Shape.of(2, 1), new double[] {3, 3}));
        assertThat(SampleGrid.range(constant)).containsExactly(2.5, 3.5);
    }

    @Test
    void evaluationsBecomeCurvesAgainstEpochsGroupedByFamily() {
        List<MetricsRecord> records = List.of(
                new MetricsRecord(0, "eval", Map.of("fid", 90.0)),
                new MetricsRecord(10, "train", Map.of("loss", 1.0)),
                new MetricsRecord(20, "eval", Map.of("fid", 40.0)),
                new MetricsRecord(30, "eval", Map.of("fid", 30.0)));
        Map<String, double[][]> curves = MetricCurves.read(records, 20);
        assertThat(curves).containsOnlyKeys("fid");
        assertThat(curves.get("fid")[0]).containsExactly(0.0, 1.0, 1.5);
        assertThat(curves.get("fid")[1]).containsExactly(90.0, 40.0, 30.0);

        Map<String, double[][]> named = new LinkedHashMap<>();
        for (String n : List.of("fid", "fid_floor", "kid", "kid_stderr", "classifier_accuracy", "loglik")) {
            named.put(n, new double[][] {{0}, {1}});
        }
        Map<String, Map<String, double[][]>> panels = MetricCurves.byFamily(named);
        assertThat(panels.keySet()).containsExactly("fid", "kid", "classifier_accuracy", "loglik");
        assertThat(panels.get("fid").keySet()).containsExactly("fid", "fid_floor");
        assertThat(panels.get("kid").keySet()).containsExactly("kid", "kid_stderr");
    }
}
