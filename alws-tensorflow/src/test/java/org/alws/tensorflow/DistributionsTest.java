package org.alws.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Beta;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Distribution;
import org.alws.api.dist.ExponentialFamily;
import org.alws.api.dist.Gamma;
import org.alws.api.dist.Laplace;
import org.alws.api.dist.LogNormal;
import org.alws.api.dist.Normal;
import org.alws.api.dist.Support;
import org.alws.api.dist.Uniform;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The distributions of {@code org.alws.api.dist}, traced by the TensorFlow backend in float64: log-densities
 * against independent closed forms, normalisation by quadrature (or exact sums), sampled moments within five
 * Monte Carlo standard errors, the exponential-family identity {@code log p = η·S − A + log h} with
 * parameter-free statistics, analytic means, and honest {@code reparameterized()} flags: pathwise gradients of
 * Monte Carlo averages match analytic derivatives of expectations, and non-reparameterised draws have an exactly
 * zero gradient.
 */
class DistributionsTest {
    private static final int DRAWS = 200_000;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static Workspace ws;

    @BeforeAll
    static void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    private static Tensor fill(TensorOps ops, long n, double v) {
        return ops.fill(Shape.of(n), v);
    }

    private static HostArray seed(long a, long b) {
        return HostArray.ofLongs(Shape.of(2), new long[] {a, b});
    }

    /**
     * A continuous test case: a distribution of {@code n} independent copies with fixed parameters, its closed-form
     * log-density, mean and variance, points to score it at, and the map u ↦ (x, dx/du) that the normalisation
     * integral is computed over, with the u-range.
     */
    record Continuous(String label, BiFunction<TensorOps, Long, Distribution> make, DoubleUnaryOperator logDensity,
            double mean, double variance, double[] points, DoubleUnaryOperator toX, DoubleUnaryOperator jacobian,
            double uLow, double uHigh, Support support) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static double normalLog(double x, double mu, double s) {
        double z = (x - mu) / s;
        return -0.5 * z * z - Math.log(s) - HALF_LOG_2PI;
    }

    private static double gammaLog(double x, double a, double b) {
        return a * Math.log(b) + (a - 1) * Math.log(x) - b * x - SpecialFunctions.lgamma(a);
    }

    private static double betaLog(double x, double a, double b) {
        return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - SpecialFunctions.lgamma(a)
                - SpecialFunctions.lgamma(b) + SpecialFunctions.lgamma(a + b);
    }

    private static final DoubleUnaryOperator IDENTITY = u -> u;
    private static final DoubleUnaryOperator ONE = u -> 1;

    static Stream<Continuous> continuous() {
        double m = 0.2;
        double s = 0.5;
        return Stream.of(
                new Continuous("Normal(0.7, 1.3)", (o, n) -> Normal.of(fill(o, n, 0.7), fill(o, n, 1.3)),
                        x -> normalLog(x, 0.7, 1.3), 0.7, 1.3 * 1.3, new double[] {-3, -0.4, 0, 0.7, 2.5, 6},
                        IDENTITY, ONE, 0.7 - 14 * 1.3, 0.7 + 14 * 1.3, Support.REAL),
                new Continuous("LogNormal(0.2, 0.5)", (o, n) -> LogNormal.of(fill(o, n, m), fill(o, n, s)),
                        x -> normalLog(Math.log(x), m, s) - Math.log(x), Math.exp(m + s * s / 2),
                        (Math.exp(s * s) - 1) * Math.exp(2 * m + s * s), new double[] {0.05, 0.5, 1, 1.22, 3, 10},
                        Math::exp, Math::exp, m - 14 * s, m + 14 * s, Support.POSITIVE),
                new Continuous("Laplace(-0.4, 0.8)", (o, n) -> Laplace.of(fill(o, n, -0.4), fill(o, n, 0.8)),
                        x -> -Math.abs(x + 0.4) / 0.8 - Math.log(1.6), -0.4, 2 * 0.8 * 0.8,
                        new double[] {-5, -0.4, 0, 1.3}, IDENTITY, ONE, -0.4 - 40 * 0.8, -0.4 + 40 * 0.8,
                        Support.REAL),
                new Continuous("Uniform(-1, 2.5)", (o, n) -> Uniform.of(fill(o, n, -1), fill(o, n, 2.5)),
                        x -> x >= -1 && x < 2.5 ? -Math.log(3.5) : Double.NEGATIVE_INFINITY, 0.75, 3.5 * 3.5 / 12,
                        new double[] {-1.5, -1, 0, 2.49, 2.5, 3}, IDENTITY, ONE, -2, 3.5, Support.INTERVAL),
                new Continuous("Gamma(2.5, 1.7)", (o, n) -> Gamma.of(fill(o, n, 2.5), fill(o, n, 1.7)),
                        x -> gammaLog(x, 2.5, 1.7), 2.5 / 1.7, 2.5 / (1.7 * 1.7), new double[] {0.01, 0.5, 1.47, 3, 8},
                        Math::exp, Math::exp, -60, 5, Support.POSITIVE),
                new Continuous("Gamma(0.6, 2.0)", (o, n) -> Gamma.of(fill(o, n, 0.6), fill(o, n, 2.0)),
                        x -> gammaLog(x, 0.6, 2.0), 0.3, 0.15, new double[] {1e-4, 0.05, 0.3, 2, 7},
                        Math::exp, Math::exp, -60, 4, Support.POSITIVE),
                new Continuous("Beta(2, 3.5)", (o, n) -> Beta.of(fill(o, n, 2.0), fill(o, n, 3.5)),
                        x -> betaLog(x, 2.0, 3.5), 2 / 5.5, 2 * 3.5 / (5.5 * 5.5 * 6.5),
                        new double[] {0.01, 0.2, 0.5, 0.9, 0.999}, SpecialFunctions::sigmoid,
                        t -> SpecialFunctions.sigmoid(t) * SpecialFunctions.sigmoid(-t), -40, 40,
                        Support.UNIT_INTERVAL),
                new Continuous("Beta(0.7, 1.5)", (o, n) -> Beta.of(fill(o, n, 0.7), fill(o, n, 1.5)),
                        x -> betaLog(x, 0.7, 1.5), 0.7 / 2.2, 0.7 * 1.5 / (2.2 * 2.2 * 3.2),
                        new double[] {1e-3, 0.1, 0.5, 0.95}, SpecialFunctions::sigmoid,
                        t -> SpecialFunctions.sigmoid(t) * SpecialFunctions.sigmoid(-t), -60, 30,
                        Support.UNIT_INTERVAL));
    }

    private static HostArray logProbs(BiFunction<TensorOps, Long, Distribution> make, HostArray x) {
        long n = x.shape().dim(0);
        return Traced.one(ws, List.of(x), (ops, in) -> make.apply(ops, n).logProb(in.get(0)));
    }

    // ---------------------------------------------------------------- densities

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuous")
    void logDensityMatchesTheClosedForm(Continuous c) {
        HostArray lp = logProbs(c.make(), HostArray.vector(c.points()));
        for (int i = 0; i < c.points().length; i++) {
            double expected = c.logDensity().applyAsDouble(c.points()[i]);
            if (Double.isInfinite(expected)) {
                assertThat(lp.get(i)).as("log p(%s)", c.points()[i]).isEqualTo(expected);
            } else {
                assertThat(lp.get(i)).as("log p(%s)", c.points()[i])
                        .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    /** Composite Simpson's rule over u in [uLow, uHigh] of p(x(u)) x'(u), on 4m + 1 points. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("continuous")
    void densityIntegratesToOne(Continuous c) {
        int points = 4 * 25_000 + 1;
        double h = (c.uHigh() - c.uLow()) / (points - 1);
        double[] x = new double[points];
        double[] jac = new double[points];
        for (int i = 0; i < points; i++) {
            double u = c.uLow() + i * h;
            x[i] = c.toX().applyAsDouble(u);
            jac[i] = c.jacobian().applyAsDouble(u);
        }
        double[] lp = logProbs(c.make(), HostArray.vector(x)).doubles();
        double total = 0;
        if (c.support() == Support.INTERVAL) {
            // A discontinuous density: the midpoint rule on cells whose edges include the interval's ends.
            double cell = 3.5 / 7000;
            int cells = (int) Math.round((c.uHigh() - c.uLow()) / cell);
            double[] mids = new double[cells];
            for (int i = 0; i < cells; i++) {
                mids[i] = c.uLow() + (i + 0.5) * cell;
            }
            double[] lm = logProbs(c.make(), HostArray.vector(mids)).doubles();
            for (double v : lm) {
                total += Math.exp(v) * cell;
            }
        } else {
            for (int i = 0; i < points; i++) {
                double w = i == 0 || i == points - 1 ? 1 : (i % 2 == 1 ? 4 : 2);
                double f = Math.exp(lp[i]) * jac[i];
                total += Double.isFinite(f) ? w * f : 0;
            }
            total *= h / 3;
        }
        assertThat(total).as("integral of the density").isCloseTo(1.0, within(1e-9));
    }

    @Test
    void discreteMassesSumToOne() {
        List<HostArray> out = Traced.run(ws, List.of(), (ops, in) -> {
            Bernoulli b = Bernoulli.ofLogits(fill(ops, 2, 0.4));
            Bernoulli p = Bernoulli.ofProbs(fill(ops, 2, 0.3));
            Categorical c = Categorical.ofLogits(ops.constant(HostArray.vector(0.2, -1.0, 1.5, 0.0))
                    .broadcastTo(Shape.of(4, 4)));
            Tensor k = ops.constant(HostArray.ofInts(Shape.of(4), new int[] {0, 1, 2, 3}));
            return List.of(b.logProb(ops.vector(0, 1)), p.logProb(ops.vector(0, 1)), c.logProb(k));
        });
        double[] b = out.get(0).doubles();
        assertThat(b[1]).isCloseTo(Math.log(SpecialFunctions.sigmoid(0.4)), within(1e-14));
        assertThat(b[0]).isCloseTo(-SpecialFunctions.softplus(0.4), within(1e-14));
        assertThat(Math.exp(b[0]) + Math.exp(b[1])).isCloseTo(1.0, within(1e-14));
        assertThat(out.get(1).doubles()).containsExactly(new double[] {Math.log(0.7), Math.log(0.3)}, within(1e-12));
        double[] logits = {0.2, -1.0, 1.5, 0.0};
        double z = 0;
        for (double l : logits) {
            z += Math.exp(l);
        }
        double total = 0;
        for (int k = 0; k < 4; k++) {
            assertThat(out.get(2).get(k)).isCloseTo(logits[k] - Math.log(z), within(1e-14));
            total += Math.exp(out.get(2).get(k));
        }
        assertThat(total).isCloseTo(1.0, within(1e-14));
    }

    // ---------------------------------------------------------------- sampling

    private static double[] draws(BiFunction<TensorOps, Long, Distribution> make, long salt) {
        return Traced.one(ws, List.of(seed(salt, 17)), (ops, in) -> make.apply(ops, (long) DRAWS).sample(in.get(0)))
                .doubles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuous")
    void sampledMomentsMatchWithinFiveStandardErrors(Continuous c) {
        double[] x = draws(c.make(), c.label().hashCode());
        double mean = 0;
        for (double v : x) {
            assertThat(v).isFinite();
            switch (c.support()) {
                case POSITIVE -> assertThat(v).isPositive();
                case UNIT_INTERVAL -> assertThat(v).isStrictlyBetween(0.0, 1.0);
                case INTERVAL -> assertThat(v).isGreaterThanOrEqualTo(-1.0).isLessThan(2.5);
                default -> { }
            }
            mean += v;
        }
        mean /= x.length;
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        double seMean = Math.sqrt(c.variance() / x.length);
        double seVar = Math.sqrt((m4 - m2 * m2) / x.length);
        assertThat(mean).as("sample mean").isCloseTo(c.mean(), within(5 * seMean));
        assertThat(m2).as("sample variance").isCloseTo(c.variance(), within(5 * seVar));
    }

    @Test
    void bernoulliFrequencyMatchesItsProbability() {
        double p = SpecialFunctions.sigmoid(-0.8);
        double[] x = draws((o, n) -> Bernoulli.ofLogits(fill(o, n, -0.8)), 3);
        double ones = 0;
        for (double v : x) {
            assertThat(v).isIn(0.0, 1.0);
            ones += v;
        }
        assertThat(ones / x.length).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / x.length)));
    }

    @Test
    void categoricalFrequenciesPassAChiSquareBound() {
        double[] logits = {0.2, -1.0, 1.5, 0.0, -2.5};
        int k = logits.length;
        HostArray out = Traced.one(ws, List.of(seed(5, 6)), (ops, in) -> Categorical.ofLogits(ops.constant(
                HostArray.vector(logits)).broadcastTo(Shape.of(DRAWS, k))).sample(in.get(0)));
        assertThat(out.dtype()).isEqualTo(DType.INT32);
        int[] counts = new int[k];
        for (int v : out.ints()) {
            assertThat(v).isBetween(0, k - 1);
            counts[v]++;
        }
        double z = 0;
        for (double l : logits) {
            z += Math.exp(l);
        }
        double chi2 = 0;
        for (int j = 0; j < k; j++) {
            double p = Math.exp(logits[j]) / z;
            double expected = p * DRAWS;
            chi2 += (counts[j] - expected) * (counts[j] - expected) / expected;
            assertThat((double) counts[j] / DRAWS).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / DRAWS)));
        }
        // Chi-square with k - 1 = 4 degrees of freedom: mean 4, standard deviation sqrt(8); allow five of them.
        assertThat(chi2).isLessThan(4 + 5 * Math.sqrt(8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuous")
    void meanIsTheAnalyticMean(Continuous c) {
        HostArray mean = Traced.one(ws, List.of(), (ops, in) -> c.make().apply(ops, 3L).mean());
        assertThat(mean.doubles()).containsOnly(mean.get(0));
        assertThat(mean.get(0)).isCloseTo(c.mean(), within(1e-14));
    }

    @Test
    void discreteMeans() {
        HostArray b = Traced.one(ws, List.of(), (ops, in) -> Bernoulli.ofLogits(ops.vector(-0.8, 2.0)).mean());
        assertThat(b.doubles()).containsExactly(new double[] {SpecialFunctions.sigmoid(-0.8),
            SpecialFunctions.sigmoid(2.0)}, within(1e-15));
        assertThatThrownBy(() -> Traced.one(ws, List.of(), (ops, in) -> Categorical.ofLogits(ops.vector(1, 2)).mean()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Categorical has no mean");
    }

    // ---------------------------------------------------------------- exponential families

    /** An exponential family under two parameter settings, and a generator of points in its support. */
    record Family(String label, BiFunction<TensorOps, Long, ExponentialFamily> first,
            BiFunction<TensorOps, Long, ExponentialFamily> second, int statistics,
            java.util.function.ToDoubleFunction<SplittableRandom> point) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Categorical categorical(TensorOps ops, long n, double... logits) {
        return Categorical.ofLogits(ops.constant(HostArray.vector(logits)).broadcastTo(Shape.of(n, logits.length)));
    }

    static Stream<Family> families() {
        return Stream.of(
                new Family("Normal", (o, n) -> Normal.of(fill(o, n, 0.7), fill(o, n, 1.3)),
                        (o, n) -> Normal.of(fill(o, n, -2), fill(o, n, 0.4)), 2, r -> r.nextDouble(-4, 4)),
                new Family("LogNormal", (o, n) -> LogNormal.of(fill(o, n, 0.2), fill(o, n, 0.5)),
                        (o, n) -> LogNormal.of(fill(o, n, -1), fill(o, n, 2)), 2, r -> r.nextDouble(0.01, 5)),
                new Family("Gamma", (o, n) -> Gamma.of(fill(o, n, 2.5), fill(o, n, 1.7)),
                        (o, n) -> Gamma.of(fill(o, n, 0.6), fill(o, n, 2.0)), 2, r -> r.nextDouble(0.01, 5)),
                new Family("Beta", (o, n) -> Beta.of(fill(o, n, 2), fill(o, n, 3.5)),
                        (o, n) -> Beta.of(fill(o, n, 0.7), fill(o, n, 1.5)), 2, r -> r.nextDouble(0.01, 0.99)),
                new Family("Bernoulli", (o, n) -> Bernoulli.ofLogits(fill(o, n, 0.4)),
                        (o, n) -> Bernoulli.ofLogits(fill(o, n, -3)), 1, r -> r.nextInt(2)),
                new Family("Categorical", (o, n) -> categorical(o, n, 0.2, -1.0, 1.5, 0.0),
                        (o, n) -> categorical(o, n, 3, 0, 0, -1), 4, r -> r.nextInt(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void logProbIsTheExponentialFamilyForm(Family f) {
        int n = 20;
        SplittableRandom r = new SplittableRandom(f.label().hashCode());
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = f.point().applyAsDouble(r);
        }
        HostArray points = f.label().equals("Categorical") ? HostArray.vector(x).cast(DType.INT32)
                : HostArray.vector(x);
        HostArray few = points.rows(0, 3);
        List<Shape> shapes = new ArrayList<>();
        List<HostArray> out = Traced.run(ws, List.of(points, few), (ops, in) -> {
            List<Tensor> result = new ArrayList<>();
            for (ExponentialFamily d : List.of(f.first().apply(ops, (long) n), f.second().apply(ops, (long) n))) {
                Tensor v = in.get(0);
                Tensor eta = d.naturalParameters();
                Tensor s = d.sufficientStatistics(v);
                Tensor a = d.logNormalizer();
                Tensor h = d.logBaseMeasure(v);
                shapes.addAll(List.of(eta.shape(), s.shape(), a.shape(), h.shape(), d.sufficientStatistics(in.get(1))
                        .shape()));
                assertThat(d.statisticCount()).isEqualTo(f.statistics());
                result.add(d.logProb(v));
                result.add(eta.mul(s).sum(-1).sub(a).add(h));
                result.add(s);
                result.add(h);
            }
            return result;
        });
        for (int setting = 0; setting < 2; setting++) {
            assertThat(shapes.subList(5 * setting, 5 * setting + 5)).containsExactly(Shape.of(n, f.statistics()),
                    Shape.of(n, f.statistics()), Shape.of(n), Shape.of(n), Shape.of(3, f.statistics()));
            double[] lp = out.get(4 * setting).doubles();
            double[] ef = out.get(4 * setting + 1).doubles();
            for (int i = 0; i < n; i++) {
                assertThat(ef[i]).as("η·S − A + log h at %s", x[i])
                        .isCloseTo(lp[i], within(1e-10 * Math.max(1, Math.abs(lp[i]))));
            }
        }
        assertThat(out.get(6)).as("S(x) does not depend on the parameters").isEqualTo(out.get(2));
        assertThat(out.get(7)).as("log h(x) does not depend on the parameters").isEqualTo(out.get(3));
    }

    /**
     * The per-statistic parts are the slices of the stacked forms along their last axis, for a family's own parts
     * (Normal, also with a scalar scale, whose −1/(2σ²) then comes unbroadcast, as a scalar) and for the default
     * slicing, once each part is broadcast to the distribution's shape.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void thePartsAreTheSlicesOfTheStackedForms(Family f) {
        int n = 7;
        SplittableRandom r = new SplittableRandom(f.label().hashCode() + 1);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = f.point().applyAsDouble(r);
        }
        HostArray points = f.label().equals("Categorical") ? HostArray.vector(x).cast(DType.INT32)
                : HostArray.vector(x);
        List<HostArray> out = Traced.run(ws, List.of(points), (ops, in) -> {
            List<Tensor> result = new ArrayList<>();
            List<ExponentialFamily> ds = new ArrayList<>(List.of(f.first().apply(ops, (long) n)));
            if (f.label().equals("Normal")) {
                Normal scalarScale = Normal.of(fill(ops, n, 0.3), ops.scalar(0.8));
                assertThat(scalarScale.naturalParameterParts().get(1).shape()).isEqualTo(Shape.scalar());
                ds.add(scalarScale);
            }
            for (ExponentialFamily d : ds) {
                List<Tensor> eta = d.naturalParameterParts();
                List<Tensor> s = d.sufficientStatisticParts(in.get(0));
                assertThat(eta).hasSize(f.statistics());
                assertThat(s).hasSize(f.statistics());
                result.add(d.naturalParameters());
                List<Tensor> full = new ArrayList<>();
                for (Tensor part : eta) {
                    full.add(part.broadcastTo(d.shape()));
                }
                result.add(ops.stack(-1, full));
                result.add(d.sufficientStatistics(in.get(0)));
                result.add(ops.stack(-1, s));
            }
            return result;
        });
        for (int i = 0; i < out.size(); i += 2) {
            assertThat(out.get(i + 1).shape()).isEqualTo(Shape.of(n, f.statistics()));
            assertThat(out.get(i + 1).doubles()).as("output %d", i).containsExactly(out.get(i).doubles());
        }
    }

    // ---------------------------------------------------------------- reparameterisation

    /**
     * Per-draw derivatives of f(x) with respect to the two parameters (each fed as a vector with one entry per
     * draw), with the sample mean and standard error of each: the pathwise estimate of d/dθ E[f(x)].
     */
    private static double[][] pathwise(BiFunction<Tensor, Tensor, Distribution> make, double p1, double p2,
            java.util.function.UnaryOperator<Tensor> f, int n) {
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Arrays.fill(a, p1);
        java.util.Arrays.fill(b, p2);
        List<HostArray> out = Traced.run(ws, List.of(HostArray.vector(a), HostArray.vector(b), seed(41, 43)),
                (ops, in) -> {
                    Distribution d = make.apply(in.get(0), in.get(1));
                    assertThat(d.reparameterized()).isTrue();
                    return ops.gradients(f.apply(d.sample(in.get(2))).sum(), List.of(in.get(0), in.get(1)));
                });
        double[][] stats = new double[2][2];
        for (int k = 0; k < 2; k++) {
            double[] g = out.get(k).doubles();
            double mean = 0;
            for (double v : g) {
                mean += v;
            }
            mean /= n;
            double var = 0;
            for (double v : g) {
                var += (v - mean) * (v - mean);
            }
            stats[k][0] = mean;
            stats[k][1] = Math.sqrt(var / (n - 1) / n);
        }
        return stats;
    }

    private static void assertDerivative(double[] estimate, double expected, String what) {
        assertThat(estimate[0]).as(what).isCloseTo(expected, within(5 * estimate[1] + 1e-12));
    }

    @Test
    void normalAndLogNormalArePathwiseDifferentiable() {
        int n = 100_000;
        double mu = 0.7;
        double s = 1.3;
        // E[x] = μ exactly per draw; E[x²] = μ² + σ².
        double[][] first = pathwise(Normal::of, mu, s, x -> x, n);
        assertDerivative(first[0], 1, "d/dμ E[x]");
        assertThat(first[0][1]).isZero();
        assertDerivative(first[1], 0, "d/dσ E[x]");
        double[][] second = pathwise(Normal::of, mu, s, Tensor::square, n);
        assertDerivative(second[0], 2 * mu, "d/dμ E[x²]");
        assertDerivative(second[1], 2 * s, "d/dσ E[x²]");
        double m = 0.2;
        double v = 0.5;
        double mean = Math.exp(m + v * v / 2);
        double[][] ln = pathwise(LogNormal::of, m, v, x -> x, n);
        assertDerivative(ln[0], mean, "d/dμ E[x] (log-normal)");
        assertDerivative(ln[1], v * mean, "d/dσ E[x] (log-normal)");
    }

    @Test
    void laplaceAndUniformArePathwiseDifferentiable() {
        int n = 100_000;
        double loc = -0.4;
        double scale = 0.8;
        double[][] abs = pathwise(Laplace::of, loc, scale, x -> x.sub(loc).abs(), n);
        assertDerivative(abs[1], 1, "d/dscale E|x − loc|");
        assertDerivative(abs[0], 0, "d/dloc E|x − c| at c = loc");
        double[][] lin = pathwise(Laplace::of, loc, scale, x -> x, n);
        assertDerivative(lin[0], 1, "d/dloc E[x]");
        double lo = -1;
        double hi = 2.5;
        double[][] u = pathwise(Uniform::of, lo, hi, x -> x, n);
        assertDerivative(u[0], 0.5, "d/dlow E[x]");
        assertDerivative(u[1], 0.5, "d/dhigh E[x]");
        double[][] u2 = pathwise(Uniform::of, lo, hi, Tensor::square, n);
        assertDerivative(u2[0], (2 * lo + hi) / 3, "d/dlow E[x²]");
        assertDerivative(u2[1], (lo + 2 * hi) / 3, "d/dhigh E[x²]");
    }

    @Test
    void gammaAndBetaAreDifferentiableThroughTheImplicitGradient() {
        int n = 100_000;
        for (double[] p : new double[][] {{2.5, 1.7}, {0.6, 2.0}}) {
            double a = p[0];
            double b = p[1];
            double[][] x = pathwise(Gamma::of, a, b, t -> t, n);
            assertDerivative(x[0], 1 / b, "d/dα E[x] at α=" + a);
            assertDerivative(x[1], -a / (b * b), "d/dβ E[x] at α=" + a);
            double[][] log = pathwise(Gamma::of, a, b, Tensor::log, n);
            assertDerivative(log[0], SpecialFunctions.trigamma(a), "d/dα E[log x] at α=" + a);
            assertDerivative(log[1], -1 / b, "d/dβ E[log x] at α=" + a);
        }
        double a = 2.0;
        double b = 3.5;
        double[][] beta = pathwise(Beta::of, a, b, t -> t, n);
        assertDerivative(beta[0], b / ((a + b) * (a + b)), "d/dα E[x] (beta)");
        assertDerivative(beta[1], -a / ((a + b) * (a + b)), "d/dβ E[x] (beta)");
    }

    @Test
    void discreteDrawsHaveAZeroGradient() {
        HostArray logits = HostArray.of(Shape.of(500, 3), new SplittableRandom(3).doubles(1500, -2, 2).toArray());
        List<HostArray> out = Traced.run(ws, List.of(logits, seed(1, 2)), (ops, in) -> {
            Bernoulli b = Bernoulli.ofLogits(in.get(0));
            Categorical c = Categorical.ofLogits(in.get(0));
            assertThat(b.reparameterized()).isFalse();
            assertThat(c.reparameterized()).isFalse();
            Tensor xb = b.sample(in.get(1));
            Tensor xc = c.sample(ops.offsetSeed(in.get(1), 1)).cast(DType.FLOAT64);
            Tensor g1 = ops.gradients(xb.square().sum(), List.of(in.get(0))).get(0);
            Tensor g2 = ops.gradients(xc.square().sum(), List.of(in.get(0))).get(0);
            return List.of(g1, g2, xb, xc);
        });
        assertThat(out.get(0).doubles()).containsOnly(0.0);
        assertThat(out.get(1).doubles()).containsOnly(0.0);
        // Not trivially zero because the draws were: both have ones.
        assertThat(out.get(2).doubles()).contains(0.0, 1.0);
        assertThat(out.get(3).doubles()).contains(0.0, 1.0, 2.0);
    }

    /**
     * Scoring a discrete draw made in the same graph: the gradient of log p(x) with respect to the logits is the
     * score x − σ(l) (Bernoulli) or onehot(x) − softmax(l) (categorical), with nothing leaking through the draw.
     */
    @Test
    void scoresOfDiscreteDrawsIgnoreTheDrawingPath() {
        HostArray logits = HostArray.of(Shape.of(200, 3), new SplittableRandom(4).doubles(600, -2, 2).toArray());
        List<HostArray> out = Traced.run(ws, List.of(logits, seed(7, 8)), (ops, in) -> {
            Bernoulli b = Bernoulli.ofLogits(in.get(0));
            Categorical c = Categorical.ofLogits(in.get(0));
            Tensor xb = b.sample(in.get(1));
            Tensor xc = c.sample(ops.offsetSeed(in.get(1), 1));
            List<Tensor> g = ops.gradients(b.logProb(xb).sum().add(c.logProb(xc).sum()), List.of(in.get(0)));
            return List.of(g.get(0), xb, xc);
        });
        double[] l = logits.doubles();
        double[] g = out.get(0).doubles();
        double[] xb = out.get(1).doubles();
        int[] xc = out.get(2).ints();
        for (int i = 0; i < 200; i++) {
            double z = 0;
            for (int k = 0; k < 3; k++) {
                z += Math.exp(l[i * 3 + k]);
            }
            for (int k = 0; k < 3; k++) {
                int j = i * 3 + k;
                double expected = xb[j] - SpecialFunctions.sigmoid(l[j]) + (xc[i] == k ? 1 : 0) - Math.exp(l[j]) / z;
                assertThat(g[j]).isCloseTo(expected, within(1e-13));
            }
        }
    }

    @Test
    void reparameterisationFlags() {
        List<Distribution> ds = new ArrayList<>();
        Traced.run(ws, List.of(), (ops, in) -> {
            Tensor p = fill(ops, 2, 0.5);
            ds.addAll(List.of(Normal.of(p, p), LogNormal.of(p, p), Laplace.of(p, p), Uniform.of(p, p.add(1.0)),
                    Gamma.of(p, p), Beta.of(p, p), Bernoulli.ofLogits(p), categorical(ops, 2, 0, 1)));
            return List.of(p);
        });
        assertThat(ds).extracting(Distribution::reparameterized)
                .containsExactly(true, true, true, true, true, true, false, false);
        assertThat(ds).extracting(d -> d instanceof ExponentialFamily)
                .containsExactly(true, true, false, false, true, true, true, true);
        assertThat(ds).extracting(Distribution::support).containsExactly(Support.REAL, Support.POSITIVE, Support.REAL,
                Support.INTERVAL, Support.POSITIVE, Support.UNIT_INTERVAL, Support.BINARY, Support.CATEGORICAL);
        assertThat(ds).extracting(Distribution::dtype).containsExactly(DType.FLOAT64, DType.FLOAT64, DType.FLOAT64,
                DType.FLOAT64, DType.FLOAT64, DType.FLOAT64, DType.FLOAT64, DType.INT32);
    }

    @Test
    void parametersAreCheckedAndBroadcast() {
        List<Shape> shapes = new ArrayList<>();
        Traced.run(ws, List.of(), (ops, in) -> {
            Tensor loc = ops.zeros(Shape.of(4, 2));
            shapes.add(Normal.of(loc, 0.5).shape());
            shapes.add(Gamma.of(ops.fill(Shape.of(4, 1), 2), ops.fill(Shape.of(3), 1)).shape());
            shapes.add(categorical(ops, 5, 0, 1, 2).shape());
            assertThatThrownBy(() -> Normal.of(loc, ops.constant(HostArray.ofFloats(Shape.scalar(), new float[] {1}))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Normal: loc and scale must be floating tensors of one type, got float64 and float32");
            assertThatThrownBy(() -> Categorical.ofLogits(ops.scalar(1.0)))
                    .hasMessage("Categorical: logits must be a floating tensor with a category axis, got float64[]");
            assertThatThrownBy(() -> Bernoulli.ofLogits(ops.constant(HostArray.ofInts(Shape.of(1), new int[] {1}))))
                    .hasMessage("Bernoulli: logits must be floating, got int32");
            return List.of(loc);
        });
        assertThat(shapes).containsExactly(Shape.of(4, 2), Shape.of(4, 3), Shape.of(5));
    }

    /**
     * A learned scalar noise level broadcast against a batch of means, the most common way to write an observation
     * model: the log-density must be differentiable with respect to it.
     */
    @Test
    void gradientsReachParametersBroadcastAgainstTheBatch() {
        HostArray scale = HostArray.scalar(0.8);
        HostArray x = HostArray.vector(0.3, -1.2, 2.0);
        List<HostArray> out = Traced.run(ws, List.of(scale, x), (ops, in) -> {
            Tensor lp = Normal.of(ops.zeros(Shape.of(3)), in.get(0)).logProb(in.get(1)).sum();
            return ops.gradients(lp, List.of(in.get(0)));
        });
        // d/dσ Σ log N(x; 0, σ²) = Σ (x² / σ³ − 1 / σ).
        double expected = 0;
        for (double v : x.doubles()) {
            expected += v * v / Math.pow(0.8, 3) - 1 / 0.8;
        }
        assertThat(out.get(0).scalarValue()).isCloseTo(expected, within(1e-12));
    }
}
