package org.alws.examples.ppca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Normal;
import org.alws.api.model.Parameters;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PPCA plugin: its providers, its program run on the TensorFlow backend in float64 (sites, parameters and log
 * joint against the formula, initial values, the covariance of its draws against the exact marginal's), and its
 * exact likelihood and score against Monte Carlo, a closed form and finite differences.
 */
class PpcaModelTest {
    private static final int K = 2;
    private static final int D = 5;
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static PpcaParameters randomParameters(SplittableRandom random, int k, int d, double logSigma) {
        double[] w = new double[k * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        double[] mu = new double[d];
        for (int i = 0; i < d; i++) {
            mu[i] = random.nextGaussian();
        }
        return new PpcaParameters(k, d, w, mu, logSigma);
    }

    private static List<String> registered(PluginKind kind) {
        return ServiceLoader.load(kind.serviceType()).stream().map(p -> ((Provider<?>) p.get()).name()).toList();
    }

    @Test
    void providersAreRegisteredWithTheirDefaults() {
        PpcaModelProvider provider = new PpcaModelProvider();
        assertThat(provider.name()).isEqualTo("ppca");
        assertThat(provider.kind()).isEqualTo(PluginKind.MODEL);
        assertThat(provider.defaultOptions()).isEqualTo(new PpcaModelProvider.Options(10, 2, 0.0));
        assertThat(registered(PluginKind.MODEL)).contains("ppca");
        assertThat(registered(PluginKind.DATASET)).contains("ppca-synthetic");
        assertThatThrownBy(() -> new PpcaModelProvider.Options(0, 2, 0.0)).isInstanceOf(ConfigException.class)
                .hasMessage("dim: got 0, expected an integer >= 1");
    }

    /** Runs {@code f} and copies its outputs to the host. */
    private static List<HostArray> call(CompiledFunction f, HostArray... inputs) {
        List<DeviceArray> out = f.call(inputs);
        List<HostArray> host = new ArrayList<>();
        for (DeviceArray d : out) {
            host.add(d.toHost());
            d.close();
        }
        return host;
    }

    private Parameters parameters() {
        return new Parameters(ws, SeedStream.root(1).child("init"), "model/");
    }

    /**
     * Draws {@code n} joint samples from the program on the backend, at {@code values} if given (else at the initial
     * values): z, x, and x's location and scale.
     */
    private List<HostArray> sample(PpcaModel model, Parameters params, Map<String, HostArray> values, int n,
            long seed) {
        CompiledFunction f = ws.compile("sample", List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
            TraceResult r = Traces.sample(model, ops, params, n, in.get(0));
            Normal x = (Normal) r.site("x").distribution();
            return List.of(r.site("z").value(), r.site("x").value(), x.loc(), ops.broadcastTo(x.scale(),
                    x.shape()));
        });
        if (values != null) {
            params.setValues(values);
        }
        return call(f, SeedStream.root(seed).statelessSeed(0));
    }

    @Test
    void programHasTheDocumentedSitesParametersAndLogJoint() {
        PpcaModel model = new PpcaModelProvider().create(new PpcaModelProvider.Options(D, K, -0.3));
        SplittableRandom random = new SplittableRandom(1);
        PpcaParameters p = randomParameters(random, K, D, -0.3);
        int n = 4;
        double[] z = new double[n * K];
        double[] x = new double[n * D];
        for (int i = 0; i < z.length; i++) {
            z[i] = random.nextGaussian();
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * random.nextGaussian();
        }
        Parameters params = parameters();
        List<TraceResult> traced = new ArrayList<>();
        CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.FLOAT64, n, K),
                TensorSpec.of(DType.FLOAT64, n, D)), (ops, in) -> {
                    TraceResult r = Traces.score(model, ops, params, Map.of("z", in.get(0), "x", in.get(1)));
                    traced.add(r);
                    return List.of(r.logJoint());
                });
        params.setValues(p.toMap());
        double[] logJoint = call(score, HostArray.of(Shape.of(n, K), z), HostArray.of(Shape.of(n, D), x)).get(0)
                .doubles();
        TraceResult r = traced.get(0);
        assertThat(r.parameters().keySet()).containsExactly("W", "mu", "logSigma");
        assertThat(r.parameters().get("W").shape()).isEqualTo(Shape.of(K, D));
        assertThat(r.parameters().get("mu").shape()).isEqualTo(Shape.of(D));
        assertThat(r.parameters().get("logSigma").shape()).isEqualTo(Shape.scalar());
        assertThat(r.sites().keySet()).containsExactly("z", "x");
        assertThat(r.site("z").isObserved()).isFalse();
        assertThat(r.site("x").isObserved()).isTrue();
        assertThat(r.site("z").distribution().shape()).isEqualTo(Shape.of(n, K));
        assertThat(r.site("x").distribution()).isInstanceOf(Normal.class);
        assertThat(r.site("x").distribution().shape()).isEqualTo(Shape.of(n, D));
        double[] w = p.w();
        double[] mu = p.mu();
        double sigma = Math.exp(-0.3);
        for (int row = 0; row < n; row++) {
            double expected = 0;
            for (int l = 0; l < K; l++) {
                expected += -0.5 * z[row * K + l] * z[row * K + l] - 0.5 * Math.log(2 * Math.PI);
            }
            for (int j = 0; j < D; j++) {
                double mean = mu[j];
                for (int l = 0; l < K; l++) {
                    mean += z[row * K + l] * w[l * D + j];
                }
                double e = (x[row * D + j] - mean) / sigma;
                expected += -0.5 * e * e - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            }
            assertThat(logJoint[row]).as("log joint of example %d", row).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void programInitialisesAsDocumented() {
        Parameters params = parameters();
        List<HostArray> drawn = sample(new PpcaModel(4, 3, 0.25), params, null, 3, 6);
        Map<String, HostArray> initial = params.values();
        assertThat(initial.get("mu").doubles()).containsOnly(0.0);
        assertThat(initial.get("logSigma").scalarValue()).isEqualTo(0.25);
        double[] w = initial.get("W").doubles();
        assertThat(w).hasSize(12);
        double sumSq = 0;
        for (double v : w) {
            assertThat(Math.abs(v)).as("|W| entry, drawn from N(0, 0.1²)").isLessThan(0.5);
            sumSq += v * v;
        }
        assertThat(sumSq).as("sum of squared W entries").isPositive();
        assertThat(drawn.get(3).doubles()).containsOnly(Math.exp(0.25));
        // With mu = 0, the mean of x is z W.
        double[] z = drawn.get(0).doubles();
        double[] loc = drawn.get(2).doubles();
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int l = 0; l < 3; l++) {
                    expected += z[r * 3 + l] * w[l * 4 + j];
                }
                assertThat(loc[r * 4 + j]).as("mean of x (%d, %d)", r, j).isCloseTo(expected, within(1e-14));
            }
        }
    }

    @Test
    void drawsOfTheProgramHaveTheCovarianceOfTheExactLikelihood() {
        // Ties the program (z W + mu) to the exact marginal N(mu, WᵀW + σ²I) that the likelihood uses.
        SplittableRandom random = new SplittableRandom(2);
        PpcaParameters p = randomParameters(random, K, 3, Math.log(0.5));
        int n = 200_000;
        double[] x = sample(new PpcaModel(3, K, 0.0), parameters(), p.toMap(), n, 7).get(1).doubles();
        assertThat(x).hasSize(n * 3);
        double[] c = p.covariance();
        double[] mu = p.mu();
        for (int i = 0; i < 3; i++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += x[r * 3 + i] / n;
            }
            assertThat(mean).as("mean %d", i).isCloseTo(mu[i], within(5 * Math.sqrt(c[i * 3 + i] / n)));
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += (x[r * 3 + i] - mu[i]) * (x[r * 3 + j] - mu[j]);
                }
                double se = Math.sqrt((c[i * 3 + i] * c[j * 3 + j] + c[i * 3 + j] * c[i * 3 + j]) / n);
                assertThat(s / n).as("covariance (%d, %d)", i, j).isCloseTo(c[i * 3 + j], within(5 * se));
            }
        }
    }

    @Test
    void exactLikelihoodAgreesWithMonteCarloOverTheLatents() {
        SplittableRandom random = new SplittableRandom(3);
        int d = 3;
        double[] w = {0.6, -0.4, 0.2, 0.1, 0.5, -0.3};
        PpcaParameters p = new PpcaParameters(2, d, w, new double[] {0.5, -1, 0}, Math.log(0.7));
        HostArray x = HostArray.of(Shape.of(2, d), new double[] {0.9, -1.2, 0.4, -0.5, 0.0, 1.1});
        double[] exact = new PpcaModel(d, 2, 0).logLikelihood(x, p.toMap());
        double s2 = p.noiseVariance();
        int n = 1_000_000;
        for (int row = 0; row < 2; row++) {
            double sum = 0;
            double sumSq = 0;
            for (int it = 0; it < n; it++) {
                double z0 = random.nextGaussian();
                double z1 = random.nextGaussian();
                double q = 0;
                for (int j = 0; j < d; j++) {
                    double e = x.get(row * d + j) - (p.mu()[j] + z0 * w[j] + z1 * w[d + j]);
                    q += e * e;
                }
                double like = Math.exp(-0.5 * q / s2) / Math.pow(2 * Math.PI * s2, d / 2.0);
                sum += like;
                sumSq += like * like;
            }
            double mean = sum / n;
            double se = Math.sqrt((sumSq / n - mean * mean) / n);
            assertThat(se / mean).isLessThan(5e-3);
            assertThat(Math.exp(exact[row])).isCloseTo(mean, within(4 * se));
        }
    }

    @Test
    void withoutLoadingsTheLikelihoodIsIndependentNormals() {
        PpcaParameters p = new PpcaParameters(2, 3, new double[6], new double[] {1, 2, 3}, Math.log(0.5));
        HostArray x = HostArray.of(Shape.of(1, 3), new double[] {0.3, 2.5, 4});
        double expected = 0;
        for (int j = 0; j < 3; j++) {
            double e = (x.get(j) - (j + 1)) / 0.5;
            expected += -0.5 * e * e - Math.log(0.5) - 0.5 * Math.log(2 * Math.PI);
        }
        assertThat(new PpcaModel(3, 2, 0).logLikelihood(x, p.toMap())[0]).isCloseTo(expected, within(1e-14));
    }

    @Test
    void exactScoreMatchesFiniteDifferencesOfTheExactLikelihood() {
        SplittableRandom random = new SplittableRandom(4);
        PpcaModel model = new PpcaModel(D, K, 0);
        for (double logSigma : new double[] {-0.7, 0.4}) {
            PpcaParameters p = randomParameters(random, K, D, logSigma);
            int m = 3;
            double[] xs = new double[m * D];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = 2 * random.nextGaussian();
            }
            HostArray x = HostArray.of(Shape.of(m, D), xs);
            Map<String, HostArray> base = p.toMap();
            Map<String, HostArray> score = model.score(x, base);
            assertThat(score.get("W").shape()).isEqualTo(Shape.of(m, K, D));
            assertThat(score.get("mu").shape()).isEqualTo(Shape.of(m, D));
            assertThat(score.get("logSigma").shape()).isEqualTo(Shape.of(m));
            for (String name : List.of("W", "mu", "logSigma")) {
                HostArray value = base.get(name);
                int size = value.size();
                for (int e = 0; e < size; e++) {
                    double h = 1e-5;
                    double[][] f = new double[5][];
                    for (int j = -2; j <= 2; j++) {
                        if (j == 0) {
                            continue;
                        }
                        double[] v = value.doubles().clone();
                        v[e] += j * h;
                        Map<String, HostArray> shifted = new HashMap<>(base);
                        shifted.put(name, HostArray.of(value.shape(), v));
                        f[j + 2] = model.logLikelihood(x, shifted);
                    }
                    for (int row = 0; row < m; row++) {
                        double fd = (f[0][row] - 8 * f[1][row] + 8 * f[3][row] - f[4][row]) / (12 * h);
                        double exact = score.get(name).get(row * size + e);
                        assertThat(exact).as("d/d%s[%d] at example %d, logSigma %s", name, e, row, logSigma)
                                .isCloseTo(fd, within(1e-6 * Math.max(1.0, Math.abs(fd))));
                    }
                }
            }
        }
    }

    @Test
    void rejectsMalformedParametersAndData() {
        PpcaModel model = new PpcaModel(3, 2, 0);
        Map<String, HostArray> params = new PpcaParameters(2, 3, new double[6], new double[3], 0).toMap();
        assertThatThrownBy(() -> model.logLikelihood(HostArray.of(Shape.of(2, 4), new double[8]), params))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data: got float64[2, 4], expected a floating array of shape [M, 3]");
        Map<String, HostArray> wrong = new HashMap<>(params);
        wrong.put("W", HostArray.of(Shape.of(3, 2), new double[6]));
        assertThatThrownBy(() -> model.score(HostArray.of(Shape.of(1, 3), new double[3]), wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'W': got shape [3, 2], expected [2, 3]");
        Map<String, HostArray> missing = new HashMap<>(params);
        missing.remove("logSigma");
        assertThatThrownBy(() -> model.score(HostArray.of(Shape.of(1, 3), new double[3]), missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 'logSigma'");
        // FLOAT32 values are accepted (a float32 workspace's parameters).
        Map<String, HostArray> f32 = new HashMap<>(params);
        f32.put("mu", HostArray.of(Shape.of(3), DType.FLOAT32, new double[] {1, 2, 3}));
        assertThat(model.logLikelihood(HostArray.of(Shape.of(1, 3), new double[] {1, 2, 3}), f32)[0])
                .isCloseTo(-1.5 * Math.log(2 * Math.PI), within(1e-14));
    }
}
