package org.alws.core.eval.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KID against a direct double loop, its standard error against the subsets' estimates, and its unbiasedness. */
class KernelDistanceTest {
    private static Workspace ws;

    @BeforeAll
    static void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults());
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    private static Features gaussian(int n, int d, double shift, SplittableRandom r) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = shift + Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return new Features(n, d, v);
    }

    private static double[] row(Features f, int i) {
        double[] out = new double[f.dimension()];
        for (int j = 0; j < out.length; j++) {
            out[j] = f.get(i, j);
        }
        return out;
    }

    /** The unbiased MMD² by its definition, with (a.b / d + 1)^3 written out. */
    private static double direct(Features x, Features y) {
        return withinSet(x) + withinSet(y) - 2 * cross(x, y);
    }

    private static double withinSet(Features x) {
        double sum = 0;
        for (int i = 0; i < x.count(); i++) {
            for (int j = 0; j < x.count(); j++) {
                if (i != j) {
                    sum += cubic(row(x, i), row(x, j));
                }
            }
        }
        return sum / ((double) x.count() * (x.count() - 1));
    }

    private static double cross(Features x, Features y) {
        double sum = 0;
        for (int i = 0; i < x.count(); i++) {
            for (int j = 0; j < y.count(); j++) {
                sum += cubic(row(x, i), row(y, j));
            }
        }
        return sum / ((double) x.count() * y.count());
    }

    private static double cubic(double[] a, double[] b) {
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
        }
        return Math.pow(dot / a.length + 1, 3);
    }

    @Test
    void matchesTheDirectDoubleLoopForAnyNumberOfSubsets() {
        SplittableRandom r = new SplittableRandom(11);
        Features x = gaussian(37, 5, 0.0, r);
        Features y = gaussian(23, 5, 0.4, r);
        double expected = direct(x, y);
        assertThat(expected).isGreaterThan(0.01);
        for (int subsets : new int[] {1, 2, 4, 11}) {
            KernelDistance.Result kid = KernelDistance.between(ws, x, y, subsets);
            assertThat(kid.kid()).as("%d subsets", subsets).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
            assertThat(kid.subsets()).isEqualTo(subsets);
        }
        assertThat(KernelDistance.between(ws, x, y, 1).standardError()).isNaN();
    }

    @Test
    void theStandardErrorIsThatOfTheDisjointSubsetsEstimates() {
        SplittableRandom r = new SplittableRandom(12);
        Features x = gaussian(40, 4, 0.0, r);
        Features y = gaussian(40, 4, 0.2, r);
        int s = 4;
        double[] estimates = new double[s];
        double mean = 0;
        for (int b = 0; b < s; b++) {
            estimates[b] = direct(x.rows(10 * b, 10 * b + 10), y.rows(10 * b, 10 * b + 10));
            mean += estimates[b] / s;
        }
        double ss = 0;
        for (double e : estimates) {
            ss += (e - mean) * (e - mean);
        }
        double expected = Math.sqrt(ss / (s - 1) / s);
        assertThat(KernelDistance.between(ws, x, y, s).standardError()).isCloseTo(expected, within(1e-10));
    }

    @Test
    void isUnbiasedForIdenticalDistributionsWhereThePlugInEstimateIsNot() {
        SplittableRandom r = new SplittableRandom(13);
        int draws = 600;
        int n = 8;
        double sum = 0;
        double sumSq = 0;
        double biasedSum = 0;
        for (int t = 0; t < draws; t++) {
            Features x = gaussian(n, 3, 0.5, r);
            Features y = gaussian(n, 3, 0.5, r);
            double kid = KernelDistance.between(ws, x, y, 1).kid();
            sum += kid;
            sumSq += kid * kid;
            // The plug-in (V-statistic) estimate keeps the i = j terms.
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                diagonal += cubic(row(x, i), row(x, i)) + cubic(row(y, i), row(y, i));
            }
            biasedSum += (withinSet(x) + withinSet(y)) * (n - 1) / n + diagonal / (n * n) - 2 * cross(x, y);
        }
        double mean = sum / draws;
        double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
        assertThat(Math.abs(mean)).as("mean %s, standard error %s", mean, se).isLessThan(4 * se);
        assertThat(biasedSum / draws).as("the plug-in estimate's mean is detectably positive")
                .isGreaterThan(10 * se);
    }

    @Test
    void growsWithTheDistanceBetweenTheDistributions() {
        SplittableRandom r = new SplittableRandom(14);
        Features x = gaussian(200, 4, 0.0, r);
        double near = KernelDistance.between(ws, x, gaussian(200, 4, 0.1, r), 5).kid();
        double far = KernelDistance.between(ws, x, gaussian(200, 4, 1.0, r), 5).kid();
        assertThat(far).isGreaterThan(5 * Math.abs(near)).isGreaterThan(0);
    }
}
