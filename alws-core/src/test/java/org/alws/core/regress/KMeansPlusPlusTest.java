package org.alws.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * k-means++ seeding: one centre per cluster on far-apart clusters, determinism, distinct indices, agreement with
 * plain O(n k d) D² sampling (so the triangle-inequality pruning and the parallel updates change nothing), and the
 * case of fewer distinct points than centres.
 */
class KMeansPlusPlusTest {

    /** {@code clusters} clusters of {@code size} points (sd 1) around centres 1,000 apart on a circle, in R^d. */
    private static double[] clusters(int clusters, int size, int d, SplittableRandom r) {
        double[] x = new double[clusters * size * d];
        for (int c = 0; c < clusters; c++) {
            double angle = 2 * Math.PI * c / clusters;
            double radius = 1000 / (2 * Math.sin(Math.PI / clusters));
            for (int i = 0; i < size; i++) {
                int row = c * size + i;
                for (int j = 0; j < d; j++) {
                    double centre = j == 0 ? radius * Math.cos(angle) : j == 1 ? radius * Math.sin(angle) : 0;
                    x[row * d + j] = centre + r.nextGaussian();
                }
            }
        }
        return x;
    }

    /**
     * 8 clusters of 50 points in R³ (sd 1, neighbours 1,000 apart), 8 centres, 200 seeds. Once j clusters are hit,
     * the next draw lands in one of them with probability about (j · 50 · 6) / ((8 − j) · 50 · 10⁶), the ratio of
     * the within-cluster to the between-cluster D² mass: about 10⁻⁴ per seeding in all, so at most 2 misses in 200
     * seeds is generous. (A uniform choice of 8 of the 400 points hits all 8 clusters with probability about
     * 8!/8⁸ ≈ 0.0024.)
     */
    @Test
    void farApartClustersGetOneCentreEach() {
        int clusters = 8;
        int size = 50;
        double[] x = clusters(clusters, size, 3, new SplittableRandom(1));
        int misses = 0;
        for (long seed = 0; seed < 200; seed++) {
            int[] chosen = KMeansPlusPlus.select(x, clusters * size, 3, clusters, new SplittableRandom(seed));
            Set<Integer> hit = new HashSet<>();
            for (int i : chosen) {
                hit.add(i / size);
            }
            misses += hit.size() == clusters ? 0 : 1;
        }
        assertThat(misses).as("seedings of 200 that missed a cluster").isLessThanOrEqualTo(2);
    }

    @Test
    void theChoiceIsAPureFunctionOfThePointsAndTheGenerator() {
        double[] x = uniform(300, 4, new SplittableRandom(2));
        int[] a = KMeansPlusPlus.select(x, 300, 4, 25, new SplittableRandom(9));
        assertThat(KMeansPlusPlus.select(x, 300, 4, 25, new SplittableRandom(9))).containsExactly(a);
        assertThat(KMeansPlusPlus.select(x, 300, 4, 25, new SplittableRandom(10))).isNotEqualTo(a);
        Set<Integer> distinct = new HashSet<>();
        for (int i : a) {
            assertThat(i).isBetween(0, 299);
            distinct.add(i);
        }
        assertThat(distinct).hasSize(25);
    }

    /** Small (sequential) and large (parallel, n d = 300,000) problems: the same indices as naive D² sampling. */
    @Test
    void pruningChangesNothing() {
        int[][] sizes = {{500, 5, 60}, {3000, 100, 150}};
        for (int[] s : sizes) {
            double[] x = uniform(s[0], s[1], new SplittableRandom(s[0]));
            for (long seed = 0; seed < 3; seed++) {
                int[] fast = KMeansPlusPlus.select(x, s[0], s[1], s[2], new SplittableRandom(seed));
                int[] naive = naive(x, s[0], s[1], s[2], new SplittableRandom(seed));
                assertThat(fast).as("n = %d, d = %d, k = %d, seed %d", s[0], s[1], s[2], seed).containsExactly(naive);
            }
        }
    }

    @Test
    void fewerDistinctPointsThanCentresStillGiveDistinctIndices() {
        int distinct = 6;
        int copies = 5;
        double[] x = new double[distinct * copies * 2];
        for (int i = 0; i < distinct * copies; i++) {
            x[2 * i] = i % distinct;
            x[2 * i + 1] = -(i % distinct);
        }
        int[] chosen = KMeansPlusPlus.select(x, distinct * copies, 2, 20, new SplittableRandom(4));
        Set<Integer> indices = new HashSet<>();
        Set<Integer> locations = new HashSet<>();
        for (int i : chosen) {
            indices.add(i);
            locations.add(i % distinct);
        }
        assertThat(indices).hasSize(20);
        assertThat(locations).as("every distinct location is chosen before any repeat").hasSize(distinct);
        for (int c = 0; c < distinct; c++) {
            assertThat(chosen[c] % distinct).as("the first %d centres are distinct locations", distinct)
                    .isNotIn(firstLocations(chosen, c));
        }
    }

    private static Set<Integer> firstLocations(int[] chosen, int count) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < count; i++) {
            s.add(chosen[i] % 6);
        }
        return s;
    }

    @Test
    void badArgumentsAreRejected() {
        double[] x = uniform(10, 2, new SplittableRandom(5));
        assertThatThrownBy(() -> KMeansPlusPlus.select(x, 10, 2, 11, new SplittableRandom(1)))
                .hasMessage("k-means++: cannot choose 11 centres among 10 points");
        assertThatThrownBy(() -> KMeansPlusPlus.select(x, 10, 2, 0, new SplittableRandom(1)))
                .hasMessage("k-means++: cannot choose 0 centres among 10 points");
        x[9] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> KMeansPlusPlus.select(x, 10, 2, 3, new SplittableRandom(1)))
                .hasMessage("k-means++: point 4 has a non-finite coordinate (Infinity)");
    }

    private static double[] uniform(int n, int d, SplittableRandom r) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    /** Textbook D² sampling, drawing from the generator exactly as {@link KMeansPlusPlus} does. */
    private static int[] naive(double[] points, int n, int d, int k, SplittableRandom random) {
        float[] x = new float[points.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) points[i];
        }
        int[] chosen = new int[k];
        double[] nearest = new double[n];
        chosen[0] = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            nearest[i] = KMeansPlusPlus.distance(x, i, chosen[0], d);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : nearest) {
                total += v;
            }
            double u = random.nextDouble() * total;
            double cumulative = 0;
            int next = -1;
            for (int i = 0; i < n; i++) {
                if (nearest[i] > 0) {
                    cumulative += nearest[i];
                    next = i;
                    if (u < cumulative) {
                        break;
                    }
                }
            }
            chosen[c] = next;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], KMeansPlusPlus.distance(x, i, next, d));
            }
        }
        return chosen;
    }
}
