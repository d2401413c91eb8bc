package org.alws.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.ExponentialFamily;
import org.alws.api.dist.LogitNormal;
import org.alws.api.dist.Support;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LogitNormal} traced by the TensorFlow backend in float64, against numerical integration over the logit
 * u = logit x ~ N(loc, scale²) (composite Simpson's rule on loc ± 14 scale): its log-density against the closed form
 * and its normalisation, the sample mean and variance within five Monte Carlo standard errors of the integrated
 * moments, {@link LogitNormal#mean()} against the integrated mean, and pathwise derivatives of E[x] against the
 * integrated derivatives E[σ'(u)] and E[σ'(u) ε].
 */
class LogitNormalTest {
    private static final int DRAWS = 200_000;
    private static Workspace ws;

    @BeforeAll
    static void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    private static LogitNormal make(TensorOps ops, long n, double loc, double scale) {
        return LogitNormal.of(ops.fill(Shape.of(n), loc), ops.fill(Shape.of(n), scale));
    }

    /** E[f(ε)] for ε ~ N(0, 1), by Simpson's rule on [−14, 14] with 40,001 points. */
    private static double expectation(DoubleUnaryOperator f) {
        int points = 40_001;
        double lo = -14;
        double h = 28.0 / (points - 1);
        double total = 0;
        for (int i = 0; i < points; i++) {
            double e = lo + i * h;
            double w = i == 0 || i == points - 1 ? 1 : (i % 2 == 1 ? 4 : 2);
            total += w * f.applyAsDouble(e) * Math.exp(-0.5 * e * e) / Math.sqrt(2 * Math.PI);
        }
        return total * h / 3;
    }

    private static double sigmoid(double u) {
        return SpecialFunctions.sigmoid(u);
    }

    @Test
    void logDensityIsTheClosedFormAndIntegratesToOne() {
        double loc = -0.6;
        double scale = 1.7;
        double[] x = {1e-6, 0.01, 0.2, 0.5, 0.77, 0.999};
        HostArray lp = Traced.one(ws, List.of(HostArray.vector(x)),
                (ops, in) -> make(ops, x.length, loc, scale).logProb(in.get(0)));
        for (int i = 0; i < x.length; i++) {
            double u = Math.log(x[i] / (1 - x[i]));
            double t = (u - loc) / scale;
            double expected = -0.5 * t * t - Math.log(scale) - 0.5 * Math.log(2 * Math.PI) - Math.log(x[i])
                    - Math.log1p(-x[i]);
            assertThat(lp.get(i)).as("log p(%s)", x[i]).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        }
        // ∫ p(x) dx over x = sigmoid(u): ∫ p(sigmoid(u)) σ(u) σ(−u) du.
        int points = 20_001;
        double lo = loc - 14 * scale;
        double h = 28 * scale / (points - 1);
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = sigmoid(lo + i * h);
        }
        double[] lg = Traced.one(ws, List.of(HostArray.vector(grid)),
                (ops, in) -> make(ops, points, loc, scale).logProb(in.get(0))).doubles();
        double total = 0;
        for (int i = 0; i < points; i++) {
            double u = lo + i * h;
            double w = i == 0 || i == points - 1 ? 1 : (i % 2 == 1 ? 4 : 2);
            double f = Math.exp(lg[i]) * sigmoid(u) * sigmoid(-u);
            total += Double.isFinite(f) ? w * f : 0;
        }
        assertThat(total * h / 3).as("integral of the density").isCloseTo(1.0, within(1e-8));
    }

    @Test
    void sampledMomentsMatchTheIntegratedMoments() {
        for (double[] p : new double[][] {{0.3, 0.8}, {-1.5, 2.5}}) {
            double loc = p[0];
            double scale = p[1];
            double mean = expectation(e -> sigmoid(loc + scale * e));
            double variance = expectation(e -> Math.pow(sigmoid(loc + scale * e) - mean, 2));
            double[] x = Traced.one(ws, List.of(HostArray.ofLongs(Shape.of(2), new long[] {7, (long) (loc * 100)})),
                    (ops, in) -> make(ops, DRAWS, loc, scale).sample(in.get(0))).doubles();
            double m = 0;
            for (double v : x) {
                assertThat(v).isStrictlyBetween(0.0, 1.0);
                m += v / DRAWS;
            }
            double m2 = 0;
            double m4 = 0;
            for (double v : x) {
                double d = (v - m) * (v - m);
                m2 += d / DRAWS;
                m4 += d * d / DRAWS;
            }
            String at = "at loc " + loc + ", scale " + scale;
            assertThat(m).as("sample mean " + at).isCloseTo(mean, within(5 * Math.sqrt(variance / DRAWS)));
            assertThat(m2).as("sample variance " + at).isCloseTo(variance,
                    within(5 * Math.sqrt((m4 - m2 * m2) / DRAWS)));
        }
    }

    @Test
    void meanIsTheIntegratedMean() {
        double[][] settings = {{0.3, 0.8}, {-1.5, 2.5}, {2.0, 5.0}, {0.0, 0.01}};
        double[] locs = new double[settings.length];
        double[] scales = new double[settings.length];
        for (int i = 0; i < settings.length; i++) {
            locs[i] = settings[i][0];
            scales[i] = settings[i][1];
        }
        HostArray mean = Traced.one(ws, List.of(HostArray.vector(locs), HostArray.vector(scales)),
                (ops, in) -> LogitNormal.of(in.get(0), in.get(1)).mean());
        assertThat(mean.shape()).isEqualTo(Shape.of(settings.length));
        for (int i = 0; i < settings.length; i++) {
            double loc = locs[i];
            double scale = scales[i];
            double expected = expectation(e -> sigmoid(loc + scale * e));
            assertThat(mean.get(i)).as("mean at loc %s, scale %s", loc, scale).isCloseTo(expected, within(1e-10));
        }
    }

    @Test
    void drawsArePathwiseDifferentiable() {
        double loc = 0.4;
        double scale = 1.3;
        double[] a = new double[DRAWS];
        double[] b = new double[DRAWS];
        java.util.Arrays.fill(a, loc);
        java.util.Arrays.fill(b, scale);
        List<HostArray> out = Traced.run(ws, List.of(HostArray.vector(a), HostArray.vector(b),
                HostArray.ofLongs(Shape.of(2), new long[] {3, 9})), (ops, in) -> {
                    Tensor x = LogitNormal.of(in.get(0), in.get(1)).sample(in.get(2));
                    return ops.gradients(x.sum(), List.of(in.get(0), in.get(1)));
                });
        double dLoc = expectation(e -> sigmoid(loc + scale * e) * sigmoid(-(loc + scale * e)));
        double dScale = expectation(e -> sigmoid(loc + scale * e) * sigmoid(-(loc + scale * e)) * e);
        assertMeanWithinFiveStandardErrors(out.get(0).doubles(), dLoc, "d/dloc E[x]");
        assertMeanWithinFiveStandardErrors(out.get(1).doubles(), dScale, "d/dscale E[x]");
    }

    private static void assertMeanWithinFiveStandardErrors(double[] g, double expected, String what) {
        double mean = 0;
        for (double v : g) {
            mean += v / g.length;
        }
        double var = 0;
        for (double v : g) {
            var += (v - mean) * (v - mean) / (g.length - 1);
        }
        assertThat(mean).as(what).isCloseTo(expected, within(5 * Math.sqrt(var / g.length) + 1e-12));
    }

    @Test
    void isAReparameterisedDistributionOnTheUnitInterval() {
        List<LogitNormal> made = new java.util.ArrayList<>();
        Traced.run(ws, List.of(), (ops, in) -> {
            made.add(make(ops, 2, 0, 1));
            return List.of(ops.scalar(0));
        });
        LogitNormal d = made.get(0);
        assertThat(d.reparameterized()).isTrue();
        assertThat(d.support()).isEqualTo(Support.UNIT_INTERVAL);
        assertThat(d).isNotInstanceOf(ExponentialFamily.class);
        assertThat(d.name()).isEqualTo("LogitNormal");
        assertThat(d.dtype()).isEqualTo(DType.FLOAT64);
    }
}
