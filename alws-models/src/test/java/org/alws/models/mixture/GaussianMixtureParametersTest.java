package org.alws.models.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The host-side numerics of the mixture in float64: the exact log-likelihood against a direct sum in probability
 * space, a Monte Carlo estimate over the component and the density's integral; the exact score against central
 * finite differences of the exact log-likelihood; and the sampler's component frequencies and moments.
 */
class GaussianMixtureParametersTest {

    private static final double[] LOGITS = {0.3, -0.5, 1.1};
    private static final double[] MEANS = {-1.0, 0.5, 1.5, -0.2, 0.3, 2.0};
    private static final double[] LOG_SCALES = {-0.3, 0.2, 0.1, -0.6, 0.4, 0.0};

    /** Three overlapping 2-D components with unequal weights and anisotropic scales. */
    static GaussianMixtureParameters example() {
        return new GaussianMixtureParameters(3, 2, LOGITS, MEANS, LOG_SCALES);
    }

    private static double[] softmax(double[] logits) {
        double[] w = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.exp(logits[k]);
            sum += w[k];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** p(x | z = k) by the textbook formula, in probability space. */
    private static double componentDensity(double[] x, int k) {
        double p = 1;
        for (int d = 0; d < 2; d++) {
            double s = Math.exp(LOG_SCALES[2 * k + d]);
            double u = (x[d] - MEANS[2 * k + d]) / s;
            p *= Math.exp(-0.5 * u * u) / (s * Math.sqrt(2 * Math.PI));
        }
        return p;
    }

    private static HostArray points(double... xy) {
        return HostArray.of(Shape.of(xy.length / 2, 2), xy);
    }

    /** Pearson's statistic Σ (O − E)² / E of {@code counts} against the probabilities {@code p}. */
    static double chiSquare(long[] counts, double[] p) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double stat = 0;
        for (int k = 0; k < counts.length; k++) {
            double e = n * p[k];
            stat += (counts[k] - e) * (counts[k] - e) / e;
        }
        return stat;
    }

    /** The 0.9999 quantile of the chi-square distribution with {@code dof} degrees of freedom (dof 1..4). */
    static double chiSquareBound(int dof) {
        return new double[] {15.14, 18.42, 21.11, 23.51}[dof - 1];
    }

    @Test
    void logLikelihoodMatchesADirectSumOfWeightedDensities() {
        double[] w = softmax(LOGITS);
        SplittableRandom random = new SplittableRandom(11);
        int m = 50;
        double[] xy = new double[2 * m];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = 3 * random.nextGaussian();
        }
        double[] exact = example().logLikelihood(points(xy));
        assertThat(exact).hasSize(m);
        for (int n = 0; n < m; n++) {
            double[] x = {xy[2 * n], xy[2 * n + 1]};
            double p = 0;
            for (int k = 0; k < 3; k++) {
                p += w[k] * componentDensity(x, k);
            }
            assertThat(exact[n]).as("log p(x) of point %d", n).isCloseTo(Math.log(p),
                    within(1e-12 * Math.max(1, Math.abs(exact[n]))));
        }
    }

    @Test
    void logLikelihoodAgreesWithAMonteCarloEstimateOverTheComponent() {
        double[] w = softmax(LOGITS);
        double[][] xs = {{0.0, 1.0}, {-1.2, -0.5}, {2.5, 2.5}};
        double[] exact = example().logLikelihood(points(0.0, 1.0, -1.2, -0.5, 2.5, 2.5));
        int draws = 400_000;
        for (int i = 0; i < xs.length; i++) {
            SplittableRandom random = new SplittableRandom(100 + i);
            double sum = 0;
            double sumSq = 0;
            for (int s = 0; s < draws; s++) {
                double u = random.nextDouble();
                int k = u < w[0] ? 0 : u < w[0] + w[1] ? 1 : 2;
                double like = componentDensity(xs[i], k);
                sum += like;
                sumSq += like * like;
            }
            double mean = sum / draws;
            double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
            double p = Math.exp(exact[i]);
            assertThat(se / p).as("Monte Carlo relative error at point %d", i).isLessThan(5e-3);
            assertThat(Math.abs(mean - p)).as("|MC - exact| at point %d (SE %s)", i, se).isLessThan(4 * se);
        }
    }

    @Test
    void densityIntegratesToOne() {
        GaussianMixtureParameters g = example();
        // Midpoint rule on [-14, 14]²: more than 8 standard deviations beyond every mean.
        int cells = 1120;
        double lo = -14;
        double h = 28.0 / cells;
        double[] row = new double[2 * cells];
        double total = 0;
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                row[2 * j] = lo + (i + 0.5) * h;
                row[2 * j + 1] = lo + (j + 0.5) * h;
            }
            for (double l : g.logLikelihood(HostArray.of(Shape.of(cells, 2), row))) {
                total += Math.exp(l);
            }
        }
        assertThat(total * h * h).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void farFromTheDataTheLogLikelihoodStaysFiniteAndExact() {
        GaussianMixtureParameters g = example();
        double[] x = {1e3, -1e3};
        double[] w = softmax(LOGITS);
        double[] a = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            a[k] = Math.log(w[k]);
            for (int d = 0; d < 2; d++) {
                double s = Math.exp(LOG_SCALES[2 * k + d]);
                double u = (x[d] - MEANS[2 * k + d]) / s;
                a[k] += -0.5 * u * u - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
            }
            max = Math.max(max, a[k]);
        }
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += Math.exp(a[k] - max);
        }
        double ll = g.logLikelihood(points(x))[0];
        assertThat(componentDensity(x, 0)).as("the density underflows in probability space").isZero();
        assertThat(ll).isFinite().isCloseTo(max + Math.log(sum), within(1e-12 * Math.abs(max)));
        double[] r = g.responsibilities(points(x)).doubles();
        assertThat(r[0] + r[1] + r[2]).isCloseTo(1.0, within(1e-15));
        assertThat(HostArray.vector(r).allFinite()).isTrue();
        assertThat(HostArray.vector(g.score(points(x)).get(GaussianMixtureParameters.MEANS).doubles()).allFinite())
                .isTrue();
    }

    /** log p(x_n) at the example's parameters with one element of one parameter moved by {@code delta}. */
    private static double perturbed(String name, int element, double delta, HostArray x, int n) {
        double[] logits = LOGITS.clone();
        double[] means = MEANS.clone();
        double[] logScales = LOG_SCALES.clone();
        double[] target = switch (name) {
            case GaussianMixtureParameters.LOGITS -> logits;
            case GaussianMixtureParameters.MEANS -> means;
            default -> logScales;
        };
        target[element] += delta;
        return new GaussianMixtureParameters(3, 2, logits, means, logScales).logLikelihood(x)[n];
    }

    @Test
    void scoreMatchesCentralFiniteDifferencesOfTheExactLogLikelihood() {
        HostArray x = points(0.0, 1.0, -1.2, -0.5, 2.5, 2.5, 1.0, -3.0, -4.0, 4.0);
        Map<String, HostArray> score = example().score(x);
        assertThat(score).containsOnlyKeys(GaussianMixtureParameters.LOGITS, GaussianMixtureParameters.MEANS,
                GaussianMixtureParameters.LOG_SCALES);
        assertThat(score.get(GaussianMixtureParameters.LOGITS).shape()).isEqualTo(Shape.of(5, 3));
        assertThat(score.get(GaussianMixtureParameters.MEANS).shape()).isEqualTo(Shape.of(5, 3, 2));
        assertThat(score.get(GaussianMixtureParameters.LOG_SCALES).shape()).isEqualTo(Shape.of(5, 3, 2));
        double h = 1e-4;
        double worst = 0;
        for (Map.Entry<String, HostArray> e : score.entrySet()) {
            int size = e.getKey().equals(GaussianMixtureParameters.LOGITS) ? 3 : 6;
            for (int n = 0; n < 5; n++) {
                for (int i = 0; i < size; i++) {
                    // Fourth-order central difference: truncation O(h⁴), rounding about 1e-16 / h.
                    double fd = (perturbed(e.getKey(), i, -2 * h, x, n) - 8 * perturbed(e.getKey(), i, -h, x, n)
                            + 8 * perturbed(e.getKey(), i, h, x, n) - perturbed(e.getKey(), i, 2 * h, x, n))
                            / (12 * h);
                    double an = e.getValue().get(n * size + i);
                    double err = Math.abs(an - fd) / Math.max(1, Math.abs(an));
                    worst = Math.max(worst, err);
                    assertThat(err).as("score of '%s' element %d at point %d: exact %s, finite difference %s",
                            e.getKey(), i, n, an, fd).isLessThan(1e-9);
                }
            }
        }
        assertThat(worst).as("the check is not vacuous").isGreaterThan(0);
    }

    @Test
    void scoreHasZeroMeanUnderTheModelAndItsLogitPartSumsToZero() {
        GaussianMixtureParameters g = example();
        int n = 200_000;
        HostArray x = g.sample(n, new SplittableRandom(5)).data();
        Map<String, HostArray> score = g.score(x);
        double[] logits = score.get(GaussianMixtureParameters.LOGITS).doubles();
        for (int m = 0; m < 100; m++) {
            assertThat(logits[3 * m] + logits[3 * m + 1] + logits[3 * m + 2]).isCloseTo(0.0, within(1e-15));
        }
        // E_p[∇θ log p(x)] = 0 for every parameter element, within five standard errors.
        for (Map.Entry<String, HostArray> e : score.entrySet()) {
            double[] v = e.getValue().doubles();
            int size = v.length / n;
            for (int i = 0; i < size; i++) {
                double sum = 0;
                double sumSq = 0;
                for (int m = 0; m < n; m++) {
                    double s = v[m * size + i];
                    sum += s;
                    sumSq += s * s;
                }
                double mean = sum / n;
                double se = Math.sqrt((sumSq / n - mean * mean) / n);
                assertThat(Math.abs(mean)).as("mean score of '%s' element %d (SE %s)", e.getKey(), i, se)
                        .isLessThan(5 * se);
            }
        }
    }

    @Test
    void sampledComponentsFollowTheWeightsAndDataTheComponents() {
        GaussianMixtureParameters g = example();
        int n = 100_000;
        GaussianMixtureParameters.Sample s = g.sample(n, new SplittableRandom(3));
        assertThat(s.data().shape()).isEqualTo(Shape.of(n, 2));
        long[] counts = new long[3];
        double[] sum = new double[6];
        double[] sumSq = new double[6];
        double[] x = s.data().doubles();
        for (int i = 0; i < n; i++) {
            int k = s.components()[i];
            counts[k]++;
            for (int d = 0; d < 2; d++) {
                sum[2 * k + d] += x[2 * i + d];
                sumSq[2 * k + d] += x[2 * i + d] * x[2 * i + d];
            }
        }
        double[] w = g.weights();
        assertThat(w).containsExactly(softmax(LOGITS), within(1e-15));
        assertThat(chiSquare(counts, w)).as("chi-square of the component counts %s against %s",
                java.util.Arrays.toString(counts), java.util.Arrays.toString(w)).isLessThan(chiSquareBound(2));
        double[] scales = g.scales();
        for (int i = 0; i < 6; i++) {
            long c = counts[i / 2];
            double mean = sum[i] / c;
            double var = sumSq[i] / c - mean * mean;
            assertThat(Math.abs(mean - MEANS[i])).as("mean %d", i).isLessThan(5 * scales[i] / Math.sqrt(c));
            // The sample variance of normal data has standard error σ² √(2 / c).
            assertThat(Math.abs(var - scales[i] * scales[i])).as("variance %d", i)
                    .isLessThan(5 * scales[i] * scales[i] * Math.sqrt(2.0 / c));
        }
        GaussianMixtureParameters.Sample again = g.sample(n, new SplittableRandom(3));
        assertThat(again.data()).isEqualTo(s.data());
        assertThat(again.components()).isEqualTo(s.components());
    }

    @Test
    void mapsAndWeightsRoundTrip() {
        GaussianMixtureParameters g = example();
        Map<String, HostArray> map = g.toMap();
        assertThat(map.keySet()).containsExactly("logits", "means", "logScales");
        assertThat(map.get("means").shape()).isEqualTo(Shape.of(3, 2));
        GaussianMixtureParameters back = GaussianMixtureParameters.fromMap(map, 3, 2);
        HostArray x = points(0.3, -0.2, 1.0, 1.0);
        assertThat(back.logLikelihood(x)).containsExactly(g.logLikelihood(x));
        GaussianMixtureParameters viaWeights = GaussianMixtureParameters.ofWeights(3, 2, g.weights(), g.means(),
                g.scales());
        assertThat(viaWeights.logLikelihood(x)).containsExactly(g.logLikelihood(x), within(1e-13));
        // Float32 parameter values are accepted (widened).
        Map<String, HostArray> floats = Map.of("logits", map.get("logits").cast(DType.FLOAT32), "means",
                map.get("means").cast(DType.FLOAT32), "logScales", map.get("logScales").cast(DType.FLOAT32));
        assertThat(GaussianMixtureParameters.fromMap(floats, 3, 2).logLikelihood(x)).containsExactly(
                g.logLikelihood(x), within(1e-5));
    }

    @Test
    void rejectsMalformedParametersAndData() {
        assertThatThrownBy(() -> new GaussianMixtureParameters(3, 2, new double[2], MEANS, LOG_SCALES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gaussian-mixture parameter 'logits': got 2 values, expected 3 = 3");
        assertThatThrownBy(() -> new GaussianMixtureParameters(3, 2, LOGITS, new double[] {0, 0, 0, 0, 0,
            Double.NaN}, LOG_SCALES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'means'")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new GaussianMixtureParameters(0, 2, LOGITS, MEANS, LOG_SCALES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("components=0");
        assertThatThrownBy(() -> GaussianMixtureParameters.ofWeights(3, 2, new double[] {1, 0, 1}, MEANS,
                new double[6])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gaussian-mixture weights: element 1 is 0.0, expected a finite number > 0");
        Map<String, HostArray> map = example().toMap();
        assertThatThrownBy(() -> GaussianMixtureParameters.fromMap(Map.of("logits", map.get("logits")), 3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parameters: no 'means' among [logits]");
        assertThatThrownBy(() -> GaussianMixtureParameters.fromMap(map, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'logits': got shape [3], expected [2]");
        assertThatThrownBy(() -> example().logLikelihood(HostArray.of(Shape.of(2, 3), new double[6])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data: got float64[2, 3], expected a floating array of shape [M, 2] with M >= 1");
        assertThatThrownBy(() -> example().score(HostArray.ofInts(Shape.of(1, 2), new int[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32[1, 2]");
    }
}
