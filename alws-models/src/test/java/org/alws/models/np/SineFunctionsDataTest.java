package org.alws.models.np;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.alws.api.ConfigException;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The sine functions: rows [y_T | x_T | y_C] of distinct grid points whose first C are the context, each the row of
 * its regenerated function, with noise of the given size; a bit-identical function of the seed; a and b spread over
 * their ranges as recovered from the rows alone; grid points picked uniformly; and one-line errors for bad options.
 */
class SineFunctionsDataTest {
    private static final SeedStream SEEDS = SeedStream.root(7).child("data");
    private final SineFunctionsDataProvider provider = new SineFunctionsDataProvider();

    private static SineFunctionsDataProvider.Options options(int train, int test, double noise) {
        return new SineFunctionsDataProvider.Options(train, test, 100, 4, 8, noise, -0.5, 1.0, -0.5, 0.5);
    }

    @Test
    void providerDefaultsAreTheReferences() {
        assertThat(provider.name()).isEqualTo("sine-functions");
        assertThat(provider.priority()).isLessThan(10);
        assertThat(provider.defaultOptions()).isEqualTo(new SineFunctionsDataProvider.Options(10_000, 1_000, 100, 4,
                8, 0.1, -0.5, 1.0, -0.5, 0.5));
    }

    @Test
    void rowsAreTheTargetsValuesThenLocationsThenTheContextsValues() {
        SineFunctionsDataProvider.Options o = options(30, 1000, 0.1);
        DataSplits data = provider.load(o, SEEDS);
        assertThat(data.train().exampleShape()).isEqualTo(Shape.of(20));
        assertThat(data.test().size()).isEqualTo(1000);
        double[] rows = data.test().all().doubles();
        double sumSquares = 0;
        for (int i = 0; i < 1000; i++) {
            double[] row = Arrays.copyOfRange(rows, 20 * i, 20 * i + 20);
            SineFunction f = SineFunctionsDataProvider.testFunction(o, SEEDS, i);
            assertThat(row).as("test row %d is its regenerated function's", i).containsExactly(f.row(4));
            Set<Double> locations = new HashSet<>();
            for (int t = 0; t < 8; t++) {
                double x = row[8 + t];
                double k = (x + Math.PI) / (2 * Math.PI) * 99;
                assertThat(k).as("x on the grid").isCloseTo(Math.rint(k), within(1e-9));
                assertThat(x).isEqualTo(f.grid()[f.targets()[t]]);
                assertThat(row[t]).isEqualTo(f.values()[f.targets()[t]]);
                locations.add(x);
                double residual = row[t] - f.amplitude() * Math.sin(x - f.phase());
                sumSquares += residual * residual;
            }
            assertThat(locations).as("distinct target locations").hasSize(8);
            assertThat(Arrays.copyOfRange(row, 16, 20)).as("context values are the first targets'")
                    .containsExactly(Arrays.copyOfRange(row, 0, 4));
        }
        // 8,000 residuals: the standard deviation's relative standard error is about 0.8%.
        assertThat(Math.sqrt(sumSquares / 8000)).isCloseTo(0.1, within(0.004));
    }

    @Test
    void theDataAreAPureFunctionOfTheSeedWithIndependentSplits() {
        SineFunctionsDataProvider.Options o = options(50, 50, 0.1);
        DataSplits a = provider.load(o, SEEDS);
        DataSplits b = provider.load(o, SEEDS);
        DataSplits other = provider.load(o, SeedStream.root(8).child("data"));
        assertThat(b.train().all()).isEqualTo(a.train().all());
        assertThat(b.test().all()).isEqualTo(a.test().all());
        assertThat(other.train().all()).isNotEqualTo(a.train().all());
        assertThat(a.test().all()).isNotEqualTo(a.train().all());
        // A larger training set starts with the same functions.
        HostArray longer = provider.load(options(80, 50, 0.1), SEEDS).train().all();
        assertThat(longer.rows(0, 50)).isEqualTo(a.train().all());
    }

    @Test
    void amplitudesAndPhasesRecoveredFromTheRowsSpanTheirRanges() {
        int n = 3000;
        double[] rows = provider.load(options(n, 1, 0.0), SEEDS).train().all().doubles();
        double[] amplitudes = new double[n];
        double sumA = 0;
        double sumB = 0;
        int phases = 0;
        double minB = Double.POSITIVE_INFINITY;
        double maxB = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            // Noiseless y = a sin(x - b) = alpha sin x + beta cos x with alpha = a cos b, beta = -a sin b: least
            // squares on the 8 targets recovers them exactly.
            double ss = 0;
            double sc = 0;
            double cc = 0;
            double ys = 0;
            double yc = 0;
            for (int t = 0; t < 8; t++) {
                double x = rows[20 * i + 8 + t];
                double y = rows[20 * i + t];
                ss += Math.sin(x) * Math.sin(x);
                sc += Math.sin(x) * Math.cos(x);
                cc += Math.cos(x) * Math.cos(x);
                ys += y * Math.sin(x);
                yc += y * Math.cos(x);
            }
            double det = ss * cc - sc * sc;
            double alpha = (ys * cc - yc * sc) / det;
            double beta = (yc * ss - ys * sc) / det;
            double b = Math.atan(-beta / alpha); // cos b > 0 for |b| <= 0.5
            double a = alpha / Math.cos(b);
            amplitudes[i] = a;
            sumA += a;
            if (Math.abs(a) > 0.05) {
                sumB += b;
                phases++;
                minB = Math.min(minB, b);
                maxB = Math.max(maxB, b);
            }
        }
        double minA = Arrays.stream(amplitudes).min().orElseThrow();
        double maxA = Arrays.stream(amplitudes).max().orElseThrow();
        assertThat(minA).isBetween(-0.5 - 1e-9, -0.49);
        assertThat(maxA).isBetween(0.99, 1.0 + 1e-9);
        assertThat(minB).isBetween(-0.5 - 1e-9, -0.49);
        assertThat(maxB).isBetween(0.49, 0.5 + 1e-9);
        // Means of U(-0.5, 1) and U(-0.5, 0.5) within four standard errors.
        assertThat(sumA / n).isCloseTo(0.25, within(4 * 1.5 / Math.sqrt(12 * n)));
        assertThat(sumB / phases).isCloseTo(0.0, within(4 * 1.0 / Math.sqrt(12 * phases)));
    }

    @Test
    void targetsAreUniformOverTheGrid() {
        int n = 2000;
        double[] rows = provider.load(options(n, 1, 0.1), SEEDS).train().all().doubles();
        int[] counts = new int[100];
        int[] contextCounts = new int[100];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 8; t++) {
                int k = (int) Math.rint((rows[20 * i + 8 + t] + Math.PI) / (2 * Math.PI) * 99);
                counts[k]++;
                if (t < 4) {
                    contextCounts[k]++;
                }
            }
        }
        // Each grid point is a target 160 times on average (sd about 12.6), a context point 80 times (sd about 8.9).
        assertThat(Arrays.stream(counts).min().orElseThrow()).isGreaterThanOrEqualTo(100);
        assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThanOrEqualTo(220);
        assertThat(Arrays.stream(contextCounts).min().orElseThrow()).isGreaterThanOrEqualTo(40);
        assertThat(Arrays.stream(contextCounts).max().orElseThrow()).isLessThanOrEqualTo(120);
    }

    @Test
    void badOptionsAreOneLineErrorsNamingTheField() {
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(0, 10, 100, 4, 8, 0.1, -0.5, 1, -0.5, 0.5))
                .isInstanceOf(ConfigException.class).hasMessage("trainSize: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 0, 100, 4, 8, 0.1, -0.5, 1, -0.5, 0.5))
                .isInstanceOf(ConfigException.class).hasMessage("testSize: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 10, 100, 0, 8, 0.1, -0.5, 1, -0.5, 0.5))
                .isInstanceOf(ConfigException.class).hasMessage("contextPoints: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 10, 100, 4, 4, 0.1, -0.5, 1, -0.5, 0.5))
                .isInstanceOf(ConfigException.class).hasMessage("targetPoints: got 4, expected an integer > "
                        + "contextPoints (4): the targets are the context points and more");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 10, 6, 4, 8, 0.1, -0.5, 1, -0.5, 0.5))
                .isInstanceOf(ConfigException.class).hasMessage("gridPoints: got 6, expected an integer >= 8: at "
                        + "least two, and at least targetPoints, since the targets are distinct grid points");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 10, 100, 4, 8, -0.1, -0.5, 1, -0.5, 0.5))
                .isInstanceOf(ConfigException.class).hasMessage("noise: got -0.1, expected a finite number >= 0");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 10, 100, 4, 8, 0.1, Double.NaN, 1, -0.5,
                0.5)).isInstanceOf(ConfigException.class)
                .hasMessage("amplitudeMin: got NaN, expected a finite number");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 10, 100, 4, 8, 0.1, 0.5, 0.2, -0.5, 0.5))
                .isInstanceOf(ConfigException.class)
                .hasMessage("amplitudeMax: got 0.2, expected a finite number >= amplitudeMin (0.5)");
        assertThatThrownBy(() -> new SineFunctionsDataProvider.Options(10, 10, 100, 4, 8, 0.1, -0.5, 1, -0.5,
                Double.POSITIVE_INFINITY)).isInstanceOf(ConfigException.class)
                .hasMessage("phaseMax: got Infinity, expected a finite number >= phaseMin (-0.5)");
        assertThatThrownBy(() -> SineFunctionsDataProvider.testFunction(options(10, 10, 0.1), SEEDS, 10))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("test function 10 of 10");
    }
}
