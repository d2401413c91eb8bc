package org.alws.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Regressor} plugin passes, fitted inside compiled functions on the highest-priority
 * available backend in float64: the fitted {@link LinearSmoother}'s weights for M queries and N inputs are a finite
 * [M, N] matrix and a pure function of the seed; its predictions are {@code weights · targets} and hence linear in
 * the targets; on N = 500 noisy samples (noise standard deviation 0.3) of f(x) = sin(2x), x uniform on [−3, 3], its
 * predictions on a grid over [−2.5, 2.5] are within {@link #smoothRegressionRmse()} (root mean square) of f, a bound
 * far below the spread of f (standard deviation 0.72; predicting 0 everywhere scores 0.73) and of the targets
 * (0.78); 1,000 samples do no worse than 200 (mean error over three data seeds, up to {@link #moreDataSlack()});
 * the {@link RegressionContext#jitter() jitter} acts as extra ridge: the weights stay finite, change smoothly (the
 * change for jitter 1e-8 is at most 1e-3 of the change for 1e-2) and do not grow in norm as it rises; and a NaN
 * among the inputs or the queries makes the weights non-finite, which is how ALWS detects a failed fit and retries
 * with jitter.
 *
 * <p><b>How to use.</b> Put {@code org.alws:alws-api} with {@code <type>test-jar</type>}, JUnit Jupiter, AssertJ
 * and a backend (e.g. {@code org.alws:alws-tensorflow}) on your test class path, each with test scope, and write
 * {@code class MyRegressorContractTest extends RegressorContract { protected Regressor regressor() { return new
 * MyRegressor(options, kernel); } }}, configured as users would run it. The contract fits it with a
 * {@link Context} whose hyper-parameters live in a {@link Parameters} of namespace {@code regressor/} on the test's
 * workspace; use {@link #context} to fit it the same way in your own tests. Override
 * {@link #smoothRegressionRmse()} or {@link #moreDataSlack()} for an approximate regressor (random features,
 * inducing points) that needs looser bounds; a check can be switched off by overriding its method with
 * {@code @Disabled("reason")}.
 */
public abstract class RegressorContract {
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** The noise standard deviation of the smooth regression problem. */
    private static final double NOISE = 0.3;
    private Workspace workspace;
    private Parameters hyperParameters;
    private Regressor regressor;
    private String fitName;

    /** The regressor under test, configured as users would run it. Called once per test. */
    protected abstract Regressor regressor();

    /** The root seed of the data and of the fits' random choices. */
    protected long seed() {
        return 20_200_211L;
    }

    /**
     * The largest accepted root-mean-square error against f(x) = sin(2x) (not against the noisy targets) of the
     * predictions from 500 samples with noise 0.3, on a grid of 101 points over [−2.5, 2.5]. The statistical floor at
     * this size is about 0.05 (well-tuned exact kernel ridge regression measures 0.045 to 0.055); the default, 0.15,
     * is three times that and a fifth of the spread of f (0.72).
     */
    protected double smoothRegressionRmse() {
        return 0.15;
    }

    /** How much larger the mean error with 1,000 samples may be than with 200 (default 0.01). */
    protected double moreDataSlack() {
        return 0.01;
    }

    /** The context a fit gets: ops, jitter and seed as given, hyper-parameters under {@code regressor/}. */
    public record Context(TensorOps ops, Tensor jitter, Tensor seed, Parameters hyperParameters)
            implements RegressionContext {
    }

    /** A context for a fit in the function being traced, with this test's hyper-parameters. */
    protected RegressionContext context(TensorOps ops, Tensor jitter, Tensor seed) {
        return new Context(ops, jitter, seed, hyperParameters);
    }

    @BeforeEach
    public void openContractWorkspace() {
        regressor = regressor();
        workspace = ContractBackend.openFloat64();
        hyperParameters = new Parameters(workspace, SeedStream.root(seed()).child("init").child("regressor"),
                "regressor/");
        fitName = "contract/fit" + NAMES.incrementAndGet();
    }

    @AfterEach
    public void closeContractWorkspace() {
        if (workspace != null) {
            workspace.close();
        }
    }

    /** What one fit returns: the weights at the queries and the predictions of the targets. */
    private record Fit(HostArray weights, HostArray predictions) {
    }

    /** Fits to {@code inputs} [N, D]: the weights at {@code queries} [M, D] and predictions of targets [N, C]. */
    private Fit fit(HostArray inputs, HostArray queries, HostArray targets, double jitter, long seedCounter) {
        CompiledFunction f = workspace.compile(fitName, List.of(TensorSpec.of(inputs), TensorSpec.of(queries),
                TensorSpec.of(targets), TensorSpec.of(DType.FLOAT64), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    LinearSmoother s = regressor.fit(in.get(0), context(ops, in.get(3), in.get(4)));
                    return List.of(s.weights(in.get(1)), s.predict(in.get(1), in.get(2)));
                });
        List<DeviceArray> out = f.call(inputs, queries, targets, HostArray.scalar(jitter),
                SeedStream.root(seed()).child("fit").statelessSeed(seedCounter));
        Fit fit = new Fit(out.get(0).toHost(), out.get(1).toHost());
        out.forEach(DeviceArray::close);
        return fit;
    }

    private SplittableRandom random(String stream, long counter) {
        return SeedStream.root(seed()).child("contract").child(stream).random(counter);
    }

    private static HostArray uniform(SplittableRandom r, int n, int d, double lo, double hi) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return HostArray.of(Shape.of(n, d), v);
    }

    private static HostArray gaussian(SplittableRandom r, int n, int c) {
        double[] v = new double[n * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return HostArray.of(Shape.of(n, c), v);
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    public void weightsAreAFiniteMByNMatrixAndAPureFunctionOfTheSeed() {
        SplittableRandom r = random("shape", 0);
        HostArray inputs = uniform(r, 40, 2, -2, 2);
        HostArray queries = uniform(r, 7, 2, -2, 2);
        HostArray targets = gaussian(r, 40, 3);
        Fit fit = fit(inputs, queries, targets, 0.0, 0);
        assertThat(fit.weights().shape()).as("shape of the weights for 7 queries and 40 inputs")
                .isEqualTo(Shape.of(7, 40));
        assertThat(fit.weights().dtype()).as("type of the weights").isEqualTo(DType.FLOAT64);
        assertThat(fit.weights().allFinite()).as("finite weights: %s", fit.weights()).isTrue();
        assertThat(fit.predictions().shape()).as("shape of the predictions of [40, 3] targets")
                .isEqualTo(Shape.of(7, 3));
        assertThat(fit(inputs, queries, targets, 0.0, 0).weights()).as("weights of a second fit with the same seed")
                .isEqualTo(fit.weights());
    }

    @Test
    public void predictionsAreTheWeightsTimesTheTargetsAndLinearInThem() {
        SplittableRandom r = random("linear", 0);
        HostArray inputs = uniform(r, 40, 2, -2, 2);
        HostArray queries = uniform(r, 7, 2, -2, 2);
        HostArray t1 = gaussian(r, 40, 3);
        HostArray t2 = gaussian(r, 40, 3);
        double a = 1.7;
        double b = -0.6;
        double[] mix = new double[40 * 3];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = a * t1.get(i) + b * t2.get(i);
        }
        Fit f1 = fit(inputs, queries, t1, 0.0, 0);
        Fit f2 = fit(inputs, queries, t2, 0.0, 0);
        Fit fm = fit(inputs, queries, HostArray.of(Shape.of(40, 3), mix), 0.0, 0);
        double[] w = f1.weights().doubles();
        double scale = Math.max(1, norm(f1.predictions().doubles()) + norm(f2.predictions().doubles()));
        for (int m = 0; m < 7; m++) {
            for (int c = 0; c < 3; c++) {
                double direct = 0;
                for (int n = 0; n < 40; n++) {
                    direct += w[m * 40 + n] * t1.get(n * 3 + c);
                }
                int i = m * 3 + c;
                assertThat(f1.predictions().get(i)).as("prediction (%d, %d) vs weights · targets", m, c)
                        .isCloseTo(direct, within(1e-10 * scale));
                assertThat(fm.predictions().get(i)).as("prediction (%d, %d) of %s t1 + %s t2", m, c, a, b)
                        .isCloseTo(a * f1.predictions().get(i) + b * f2.predictions().get(i), within(1e-10 * scale));
            }
        }
    }

    /** f(x) = sin(2x). */
    private static double f(double x) {
        return Math.sin(2 * x);
    }

    /** The RMSE against f on the grid of a fit to {@code n} noisy samples drawn with data seed {@code dataSeed}. */
    private double smoothRegressionError(int n, long dataSeed) {
        SplittableRandom r = random("smooth", dataSeed);
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-3, 3);
            t[i] = f(x[i]) + NOISE * r.nextGaussian();
        }
        int m = 101;
        double[] q = new double[m];
        for (int j = 0; j < m; j++) {
            q[j] = -2.5 + 5.0 * j / (m - 1);
        }
        Fit fit = fit(HostArray.of(Shape.of(n, 1), x), HostArray.of(Shape.of(m, 1), q), HostArray.of(Shape.of(n, 1),
                t), 0.0, dataSeed);
        double s = 0;
        for (int j = 0; j < m; j++) {
            double e = fit.predictions().get(j) - f(q[j]);
            s += e * e;
        }
        return Math.sqrt(s / m);
    }

    @Test
    public void recoversASmoothFunctionFromNoisySamples() {
        double rmse = smoothRegressionError(500, 0);
        assertThat(rmse).as("RMSE against sin(2x) of predictions from 500 samples with noise %s (spread of f 0.72)",
                NOISE).isLessThanOrEqualTo(smoothRegressionRmse());
    }

    @Test
    public void moreDataDoesNotHurt() {
        double small = 0;
        double large = 0;
        for (long s = 1; s <= 3; s++) {
            small += smoothRegressionError(200, s) / 3;
            large += smoothRegressionError(1000, s) / 3;
        }
        assertThat(large).as("mean RMSE with 1,000 samples vs %s with 200", small)
                .isLessThanOrEqualTo(small + moreDataSlack());
    }

    @Test
    public void jitterActsAsExtraRidge() {
        SplittableRandom r = random("jitter", 0);
        HostArray inputs = uniform(r, 60, 2, -2, 2);
        HostArray queries = uniform(r, 9, 2, -2, 2);
        HostArray targets = gaussian(r, 60, 1);
        double[] w0 = fit(inputs, queries, targets, 0.0, 0).weights().doubles();
        HostArray tiny = fit(inputs, queries, targets, 1e-8, 0).weights();
        HostArray some = fit(inputs, queries, targets, 1e-2, 0).weights();
        assertThat(tiny.allFinite()).as("finite weights with jitter 1e-8").isTrue();
        assertThat(some.allFinite()).as("finite weights with jitter 1e-2").isTrue();
        double big = distance(some.doubles(), w0);
        double small = distance(tiny.doubles(), w0);
        assertThat(big).as("|W(jitter 1e-2) − W(0)| (|W(0)| = %s): the jitter must reach the fit", norm(w0))
                .isGreaterThan(1e-6 * norm(w0));
        assertThat(small).as("|W(jitter 1e-8) − W(0)| vs |W(1e-2) − W(0)| = %s: the weights change smoothly", big)
                .isLessThanOrEqualTo(1e-3 * big);
        assertThat(norm(some.doubles())).as("|W| with jitter 1e-2 vs %s without: more ridge shrinks", norm(w0))
                .isLessThanOrEqualTo(norm(w0) * (1 + 1e-12));
    }

    @Test
    public void aNaNAmongTheInputsOrQueriesMakesTheWeightsNonFinite() {
        SplittableRandom r = random("nan", 0);
        HostArray inputs = uniform(r, 30, 2, -2, 2);
        HostArray queries = uniform(r, 5, 2, -2, 2);
        HostArray targets = gaussian(r, 30, 1);
        double[] badInputs = inputs.doubles().clone();
        badInputs[2 * 11 + 1] = Double.NaN;
        HostArray weights = fit(HostArray.of(inputs.shape(), badInputs), queries, targets, 0.0, 0).weights();
        assertThat(weights.allFinite()).as("weights fitted to inputs with a NaN: %s", weights).isFalse();
        double[] badQueries = queries.doubles().clone();
        badQueries[2 * 3] = Double.NaN;
        HostArray atNaN = fit(inputs, HostArray.of(queries.shape(), badQueries), targets, 0.0, 0).weights();
        assertThat(atNaN.rows(3, 4).allFinite()).as("weights of a NaN query: %s", atNaN.rows(3, 4)).isFalse();
    }
}
