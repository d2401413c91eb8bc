package org.alws.models.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.LogitNormal;
import org.alws.api.dist.Uniform;
import org.alws.api.model.Parameters;
import org.alws.api.model.ProvidesGuide;
import org.alws.api.model.Site;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The matrix factorisation model on the TensorFlow backend in float64: its provider and options, its log joint and
 * Gamma penalty against a hand computation, the gradient of log p(x, z) + penalty against central finite
 * differences of that hand computation, its logit-normal guide, and its data-based bias initialisation.
 */
class MatrixFactorisationModelTest {
    private static final int K = 3;
    private static final int D = 4;
    private static final int N = 5;
    /** Gamma(3, 0.5): log Γ(3) = log 2 exactly. */
    private static final double SHAPE = 3.0;
    private static final double RATE = 0.5;

    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static List<HostArray> call(CompiledFunction f, HostArray... inputs) {
        List<HostArray> host = new ArrayList<>();
        for (DeviceArray d : f.call(inputs)) {
            host.add(d.toHost());
            d.close();
        }
        return host;
    }

    private static List<String> registered(PluginKind kind) {
        return ServiceLoader.load(kind.serviceType()).stream().map(p -> ((Provider<?>) p.get()).name()).toList();
    }

    @Test
    void providerHasThePapersDefaultsAndIsRegisteredWithItsData() {
        MatrixFactorisationModelProvider p = new MatrixFactorisationModelProvider();
        assertThat(p.name()).isEqualTo("matrix-factorisation");
        assertThat(p.priority()).isLessThan(10);
        assertThat(p.defaultOptions()).isEqualTo(new MatrixFactorisationModelProvider.Options(100, 784, 0.9, 0.3, 0.01,
                0.03, 200));
        MatrixFactorisationModel m = p.create(p.defaultOptions());
        assertThat(m.latent()).isEqualTo(100);
        assertThat(m.pixels()).isEqualTo(784);
        assertThat(m).isInstanceOf(ProvidesGuide.class);
        assertThat(m).hasToString("matrix-factorisation(k=100, D=784, Gamma(0.9, 0.3) prior on W)");
        assertThat(registered(PluginKind.MODEL)).contains("matrix-factorisation");
        assertThat(registered(PluginKind.DATASET)).contains("matrix-factorisation");
    }

    @Test
    void badOptionsNameTheFieldAndTheValue() {
        assertThatThrownBy(() -> new MatrixFactorisationModelProvider.Options(0, 784, 0.9, 0.3, 0.01, 0.03, 200))
                .isInstanceOf(ConfigException.class).hasMessage("latent: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new MatrixFactorisationModelProvider.Options(100, 0, 0.9, 0.3, 0.01, 0.03, 200))
                .isInstanceOf(ConfigException.class).hasMessage("pixels: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new MatrixFactorisationModelProvider.Options(100, 784, 0, 0.3, 0.01, 0.03, 200))
                .isInstanceOf(ConfigException.class).hasMessage("priorShape: got 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> new MatrixFactorisationModelProvider.Options(100, 784, 0.9, -1, 0.01, 0.03, 200))
                .isInstanceOf(ConfigException.class).hasMessage("priorRate: got -1.0, expected a finite number > 0");
        assertThatThrownBy(() -> new MatrixFactorisationModelProvider.Options(100, 784, 0.9, 0.3, 0.01, 0.005, 200))
                .isInstanceOf(ConfigException.class)
                .hasMessage("initialWeightHigh: got 0.005, expected a number >= initialWeightLow (0.01)");
        assertThatThrownBy(() -> new MatrixFactorisationModelProvider.Options(100, 784, 0.9, 0.3, 0.01, 0.03, 0))
                .isInstanceOf(ConfigException.class).hasMessage("guideHidden: got 0, expected an integer >= 1");
    }

    /** A fixed point: V [K, D], b [D], z [N, K] in (0, 1), x [N, D] in {0, 1}. */
    private static final class Point {
        final double[] v = new double[K * D];
        final double[] b = new double[D];
        final double[] z = new double[N * K];
        final double[] x = new double[N * D];

        Point() {
            SplittableRandom r = new SplittableRandom(11);
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble(-2, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextDouble(-1, 1);
            }
            for (int i = 0; i < z.length; i++) {
                z[i] = r.nextDouble(0.02, 0.98);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextBoolean() ? 1 : 0;
            }
        }
    }

    /** log p(x_n | z_n) by hand: Σ_d x η − log(1 + e^η), η_d = Σ_i exp(V_id) logit(z_ni) + b_d. */
    private static double[] logLikelihood(double[] v, double[] b, double[] z, double[] x) {
        double[] out = new double[N];
        for (int n = 0; n < N; n++) {
            for (int d = 0; d < D; d++) {
                double eta = b[d];
                for (int i = 0; i < K; i++) {
                    double zi = z[n * K + i];
                    eta += Math.exp(v[i * D + d]) * Math.log(zi / (1 - zi));
                }
                out[n] += x[n * D + d] * eta - Math.log1p(Math.exp(eta));
            }
        }
        return out;
    }

    /** Σ log Gamma(exp(V); 3, 0.5) by hand, with the density β^a w^(a−1) e^(−βw) / Γ(a) and Γ(3) = 2. */
    private static double logPrior(double[] v) {
        double total = 0;
        for (double vi : v) {
            double w = Math.exp(vi);
            total += SHAPE * Math.log(RATE) + (SHAPE - 1) * Math.log(w) - RATE * w - Math.log(2);
        }
        return total;
    }

    private static double objective(double[] v, double[] b, Point p) {
        double total = logPrior(v);
        for (double l : logLikelihood(v, b, p.z, p.x)) {
            total += l;
        }
        return total;
    }

    @Test
    void logJointAndPenaltyMatchAHandComputationAndTheirGradientMatchesFiniteDifferences() {
        MatrixFactorisationModel model = new MatrixFactorisationModel(K, D, SHAPE, RATE, 0.1, 0.2, 3);
        Parameters params = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
        List<TraceResult> traced = new ArrayList<>();
        CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.FLOAT64, N, K),
                TensorSpec.of(DType.FLOAT32, N, D)), (ops, in) -> {
                    TraceResult r = Traces.score(model, ops, params, Map.of("z", in.get(0), "x", in.get(1)));
                    traced.add(r);
                    Tensor objective = r.logJoint().sum().add(r.factorTotal());
                    List<Tensor> out = new ArrayList<>(List.of(r.logJoint(), r.site("z").logProb(),
                            r.factors().get(MatrixFactorisationModel.WEIGHT_PRIOR), objective));
                    out.addAll(ops.gradients(objective, List.of(r.parameters().get("logW"), r.parameters().get("b"))));
                    return out;
                });
        Point p = new Point();
        params.setValues(Map.of("logW", HostArray.of(Shape.of(K, D), p.v), "b", HostArray.of(Shape.of(D), p.b)));
        float[] xf = new float[p.x.length];
        for (int i = 0; i < xf.length; i++) {
            xf[i] = (float) p.x[i];
        }
        List<HostArray> out = call(score, HostArray.of(Shape.of(N, K), p.z), HostArray.ofFloats(Shape.of(N, D), xf));

        TraceResult r = traced.get(0);
        assertThat(r.sites().keySet()).containsExactly("z", "x");
        assertThat(r.site("z").distribution()).isInstanceOf(Uniform.class);
        assertThat(r.site("x").isObserved()).isTrue();
        assertThat(r.parameters().keySet()).containsExactly("logW", "b");
        assertThat(r.factors().keySet()).containsExactly("weightPrior");

        double[] expected = logLikelihood(p.v, p.b, p.z, p.x);
        double[] joint = out.get(0).doubles();
        for (int n = 0; n < N; n++) {
            assertThat(joint[n]).as("log p(x, z) of example %d (the uniform prior adds 0)", n)
                    .isCloseTo(expected[n], within(1e-12 * Math.max(1, Math.abs(expected[n]))));
        }
        assertThat(out.get(1).doubles()).as("log U(z; 0, 1)").containsOnly(0.0);
        assertThat(out.get(2).scalarValue()).as("Gamma penalty").isCloseTo(logPrior(p.v), within(1e-11));

        double[] gradV = out.get(4).doubles();
        double[] gradB = out.get(5).doubles();
        double h = 1e-6;
        for (int i = 0; i < p.v.length; i++) {
            double[] plus = p.v.clone();
            double[] minus = p.v.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (objective(plus, p.b, p) - objective(minus, p.b, p)) / (2 * h);
            assertThat(gradV[i]).as("d/dV[%d]", i).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
        }
        for (int d = 0; d < D; d++) {
            double[] plus = p.b.clone();
            double[] minus = p.b.clone();
            plus[d] += h;
            minus[d] -= h;
            double fd = (objective(p.v, plus, p) - objective(p.v, minus, p)) / (2 * h);
            assertThat(gradB[d]).as("d/db[%d]", d).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void aUniformDrawOfExactlyZeroHasAFiniteLogJoint() {
        MatrixFactorisationModel model = new MatrixFactorisationModel(K, D, SHAPE, RATE, 0.1, 0.2, 3);
        Parameters params = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
        CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.FLOAT64, N, K),
                TensorSpec.of(DType.FLOAT32, N, D)), (ops, in) -> List.of(Traces.score(model, ops, params,
                        Map.of("z", in.get(0), "x", in.get(1))).logJoint()));
        Point p = new Point();
        params.setValues(Map.of("logW", HostArray.of(Shape.of(K, D), p.v), "b", HostArray.of(Shape.of(D), p.b)));
        double[] z = p.z.clone();
        z[0] = 0;
        double[] clipped = z.clone();
        clipped[0] = 1e-7;
        float[] xf = new float[p.x.length];
        for (int i = 0; i < xf.length; i++) {
            xf[i] = (float) p.x[i];
        }
        double[] joint = call(score, HostArray.of(Shape.of(N, K), z), HostArray.ofFloats(Shape.of(N, D), xf)).get(0)
                .doubles();
        double expected = logLikelihood(p.v, p.b, clipped, p.x)[0];
        assertThat(joint[0]).as("log p(x, z) at z = 0, scored at z = 1e-7").isFinite()
                .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }

    @Test
    void initialWeightsAreSeededUniformDrawsAndBiasesStartAtZero() {
        MatrixFactorisationModel model = new MatrixFactorisationModel(K, D, 0.9, 0.3, 0.01, 0.03, 3);
        Parameters params = new Parameters(ws, SeedStream.root(4).child("init"), "model/");
        CompiledFunction f = ws.compile("sample", List.of(TensorSpec.of(DType.INT64, 2)),
                (ops, in) -> List.of(Traces.sample(model, ops, params, 2, in.get(0)).logJoint()));
        call(f, SeedStream.root(0).statelessSeed(0));
        Map<String, HostArray> values = params.values();
        assertThat(values.get("b").doubles()).containsOnly(0.0);
        double[] v = values.get("logW").doubles();
        assertThat(v).hasSize(K * D);
        for (double vi : v) {
            assertThat(Math.exp(vi)).isBetween(0.01, 0.03);
        }
        assertThat(java.util.Arrays.stream(v).distinct().count()).as("distinct initial weights").isEqualTo(K * D);
    }

    @Test
    void guideProposesReparameterisedLogitNormalLatentsInTheUnitInterval() {
        MatrixFactorisationModel model = new MatrixFactorisationModel(K, D, 0.9, 0.3, 0.01, 0.03, 6);
        Parameters guideParams = new Parameters(ws, SeedStream.root(2).child("init"), "guide/");
        int n = 400;
        List<Site> sites = new ArrayList<>();
        CompiledFunction f = ws.compile("guide", List.of(TensorSpec.of(DType.FLOAT32, n, D),
                TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    TraceResult q = Traces.sample(model.guide().given(in.get(0)), ops, guideParams, n, in.get(1));
                    Site s = q.site("z");
                    sites.add(s);
                    LogitNormal d = (LogitNormal) s.distribution();
                    List<Tensor> out = new ArrayList<>(List.of(s.value(), s.logProb(), d.loc(), d.scale()));
                    out.addAll(ops.gradients(s.value().sum(), new ArrayList<>(q.parameters().values())));
                    return out;
                });
        float[] x = new float[n * D];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextBoolean() ? 1f : 0f;
        }
        List<HostArray> out = call(f, HostArray.ofFloats(Shape.of(n, D), x), SeedStream.root(3).statelessSeed(0));
        Site site = sites.get(0);
        assertThat(site.isObserved()).isFalse();
        assertThat(site.distribution().shape()).isEqualTo(Shape.of(n, K));
        assertThat(site.distribution().reparameterized()).isTrue();
        assertThat(guideParams.variables().keySet()).containsExactly("encoder/w", "encoder/b", "encoder/loc/w",
                "encoder/loc/b", "encoder/scale/w", "encoder/scale/b");
        double[] z = out.get(0).doubles();
        double[] logQ = out.get(1).doubles();
        double[] loc = out.get(2).doubles();
        double[] scale = out.get(3).doubles();
        for (int e = 0; e < n; e++) {
            double expected = 0;
            for (int i = 0; i < K; i++) {
                double zi = z[e * K + i];
                assertThat(zi).isStrictlyBetween(0.0, 1.0);
                double u = (Math.log(zi / (1 - zi)) - loc[e * K + i]) / scale[e * K + i];
                expected += -0.5 * u * u - Math.log(scale[e * K + i]) - 0.5 * Math.log(2 * Math.PI)
                        - Math.log(zi) - Math.log1p(-zi);
            }
            assertThat(logQ[e]).as("log q(z | x) of example %d", e)
                    .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
        for (int g = 4; g < out.size(); g++) {
            assertThat(out.get(g).allFinite()).isTrue();
            assertThat(java.util.Arrays.stream(out.get(g).doubles()).anyMatch(v -> v != 0))
                    .as("pathwise gradient reaches guide parameter %d", g - 4).isTrue();
        }
    }

    @Test
    void biasesStartAtTheLogitOfThePixelMeansClipped() {
        MatrixFactorisationModel model = new MatrixFactorisationModel(K, 3, 0.9, 0.3, 0.01, 0.03, 3);
        // Pixel means 0.25, 0 and 1 over four examples.
        HostArray examples = HostArray.ofFloats(Shape.of(4, 3), new float[] {1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1});
        Map<String, HostArray> current = new LinkedHashMap<>();
        Map<String, HostArray> values = model.initialValues(examples, current, new SplittableRandom(1));
        assertThat(values.keySet()).containsExactly("b");
        assertThat(values.get("b").doubles()).containsExactly(new double[] {Math.log(0.25 / 0.75),
            Math.log(1e-3 / (1 - 1e-3)), Math.log((1 - 1e-3) / 1e-3)}, within(1e-12));

        HostArray bad = HostArray.ofFloats(Shape.of(2, 3), new float[] {0, 1, 0, 0, 2, 1});
        assertThatThrownBy(() -> model.initialValues(bad, current, new SplittableRandom(1)))
                .isInstanceOf(DataException.class)
                .hasMessage("matrix-factorisation: example 1 has pixel 1 = 2.0; expected a value in [0, 1]");
        HostArray wide = HostArray.ofFloats(Shape.of(1, 5), new float[5]);
        assertThatThrownBy(() -> model.initialValues(wide, current, new SplittableRandom(1)))
                .isInstanceOf(DataException.class)
                .hasMessage("matrix-factorisation: examples have shape [1, 5]; expected [M, 3]");
    }
}
