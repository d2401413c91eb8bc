package org.alws.models.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
import org.alws.api.dist.Categorical;
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
import org.alws.api.tensor.Tensor;
import org.alws.models.gradient.GradientEstimationModelProvider;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mixture model's provider and options, and its program run on the TensorFlow backend in float64: its sites and
 * log joint against the formula, its seeded symmetry-breaking initialisation, the component frequencies of its
 * draws against the mixing weights, and its exact likelihood and score against the program itself (z summed out
 * in-graph and differentiated by the backend).
 */
class GaussianMixtureModelTest {

    private final GaussianMixtureModelProvider provider = new GaussianMixtureModelProvider();
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
        List<DeviceArray> out = f.call(inputs);
        List<HostArray> host = new ArrayList<>();
        for (DeviceArray d : out) {
            host.add(d.toHost());
            d.close();
        }
        return host;
    }

    private Parameters parameters(long seed) {
        return new Parameters(ws, SeedStream.root(seed).child("init"), "model/");
    }

    /** Parameter values of a 3-component 2-D mixture, as the model's variables hold them. */
    private static Map<String, HostArray> values() {
        return GaussianMixtureParametersTest.example().toMap();
    }

    private static List<String> registered(PluginKind kind) {
        return ServiceLoader.load(kind.serviceType()).stream().map(p -> ((Provider<?>) p.get()).name()).toList();
    }

    @Test
    void providerDescribesTheModelAndIsRegisteredBelowTheDefault() {
        assertThat(provider.name()).isEqualTo("gaussian-mixture");
        assertThat(provider.kind()).isEqualTo(PluginKind.MODEL);
        GaussianMixtureModelProvider.Options o = provider.defaultOptions();
        assertThat(o.components()).isEqualTo(5);
        assertThat(o.dimension()).isEqualTo(2);
        assertThat(o.initialMeanStd()).isEqualTo(4.0);
        assertThat(o.initialLogScale()).isEqualTo(1.0);
        assertThat(provider.create(o).components()).isEqualTo(5);
        assertThat(provider.create(o).dimension()).isEqualTo(2);
        assertThat(registered(PluginKind.MODEL)).contains("gaussian-mixture", "gradient-estimation");
        assertThat(registered(PluginKind.DATASET)).contains("gaussian-mixture", "gradient-estimation");
        assertThat(provider.priority()).isLessThan(new GradientEstimationModelProvider().priority());
    }

    @Test
    void optionsAreValidatedWithOneLineMessages() {
        assertThatThrownBy(() -> new GaussianMixtureModelProvider.Options(0, 2, 1, 0, GaussianMixtureModel.Seeding.RANDOM))
                .isInstanceOf(ConfigException.class).hasMessage("components: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new GaussianMixtureModelProvider.Options(3, -1, 1, 0, GaussianMixtureModel.Seeding.RANDOM))
                .isInstanceOf(ConfigException.class).hasMessage("dimension: got -1, expected an integer >= 1");
        assertThatThrownBy(() -> new GaussianMixtureModelProvider.Options(3, 2, 0, 0, GaussianMixtureModel.Seeding.RANDOM))
                .isInstanceOf(ConfigException.class)
                .hasMessage("initialMeanStd: got 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> new GaussianMixtureModelProvider.Options(3, 2, 1, Double.NaN, GaussianMixtureModel.Seeding.RANDOM))
                .isInstanceOf(ConfigException.class).hasMessage("initialLogScale: got NaN, expected a finite number");
        assertThatThrownBy(() -> new GaussianMixtureModelProvider.Options(3, 2, 1, 0, null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("seeding: got null, expected one of kmeans-plus-plus, random");
        assertThatThrownBy(() -> new GaussianMixtureModel(1, 0, 1, 0)).isInstanceOf(ConfigException.class)
                .hasMessage("dimension: got 0, expected an integer >= 1");
    }

    @Test
    void kmeansPlusPlusSeedingPutsOneMeanInEveryWellSeparatedClusterWithItsSpread() {
        GaussianMixtureModel model = new GaussianMixtureModel(4, 2, 1.0, 0.0,
                GaussianMixtureModel.Seeding.KMEANS_PLUS_PLUS);
        double[][] centres = {{0, 0}, {100, 0}, {0, 100}, {100, 100}};
        int[] sizes = {300, 200, 100, 50};
        int m = 650;
        double[] x = new double[2 * m];
        SplittableRandom noise = new SplittableRandom(5);
        int row = 0;
        for (int c = 0; c < centres.length; c++) {
            for (int i = 0; i < sizes[c]; i++, row++) {
                x[2 * row] = centres[c][0] + noise.nextGaussian();
                x[2 * row + 1] = centres[c][1] + noise.nextGaussian();
            }
        }
        HostArray examples = HostArray.of(Shape.of(m, 2), x);
        Map<String, HostArray> current = Map.of(GaussianMixtureParameters.MEANS, HostArray.zeros(Shape.of(4, 2),
                DType.FLOAT64));
        for (long seed = 0; seed < 20; seed++) {
            Map<String, HostArray> initial = model.initialValues(examples, current, new SplittableRandom(seed));
            double[] means = initial.get(GaussianMixtureParameters.MEANS).doubles();
            for (double logScale : initial.get(GaussianMixtureParameters.LOG_SCALES).doubles()) {
                assertThat(logScale).as("seed %d: log spread of unit-variance clusters", seed).isCloseTo(0.0,
                        within(0.15));
            }
            boolean[] hit = new boolean[centres.length];
            for (int k = 0; k < 4; k++) {
                for (int c = 0; c < centres.length; c++) {
                    if (Math.hypot(means[2 * k] - centres[c][0], means[2 * k + 1] - centres[c][1]) < 5) {
                        hit[c] = true;
                    }
                }
            }
            assertThat(hit).as("seed %d: means %s", seed, Arrays.toString(means)).containsOnly(true);
        }
        assertThat(new GaussianMixtureModel(4, 2, 1.0, 0.0).initialValues(examples, current,
                new SplittableRandom(0))).isEmpty();
        assertThatThrownBy(() -> model.initialValues(examples.rows(0, 3), current, new SplittableRandom(0)))
                .isInstanceOf(DataException.class)
                .hasMessage("gaussian-mixture: k-means++ seeding needs at least 4 training examples (one per "
                        + "component), got 3");
    }

    @Test
    void programHasTheDocumentedSitesAndLogJoint() {
        GaussianMixtureModel model = new GaussianMixtureModel(3, 2, 1.0, 0.0);
        int n = 6;
        int[] z = {0, 1, 2, 2, 1, 0};
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * random.nextGaussian();
        }
        Parameters params = parameters(1);
        List<TraceResult> traced = new ArrayList<>();
        CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.INT32, n),
                TensorSpec.of(DType.FLOAT64, n, 2)), (ops, in) -> {
                    TraceResult r = Traces.score(model, ops, params, Map.of("z", in.get(0), "x", in.get(1)));
                    traced.add(r);
                    return List.of(r.logJoint());
                });
        params.setValues(values());
        double[] logJoint = call(score, HostArray.ofInts(Shape.of(n), z), HostArray.of(Shape.of(n, 2), x)).get(0)
                .doubles();
        TraceResult r = traced.get(0);
        assertThat(r.parameters().keySet()).containsExactly("logits", "means", "logScales");
        assertThat(r.parameters().get("logits").shape()).isEqualTo(Shape.of(3));
        assertThat(r.parameters().get("means").shape()).isEqualTo(Shape.of(3, 2));
        assertThat(r.parameters().get("logScales").shape()).isEqualTo(Shape.of(3, 2));
        assertThat(r.sites().keySet()).containsExactly("z", "x");
        assertThat(r.site("z").isObserved()).isFalse();
        assertThat(r.site("z").distribution()).isInstanceOf(Categorical.class);
        assertThat(r.site("z").distribution().shape()).isEqualTo(Shape.of(n));
        assertThat(r.site("z").distribution().dtype()).isEqualTo(DType.INT32);
        assertThat(r.site("x").isObserved()).isTrue();
        assertThat(r.site("x").distribution()).isInstanceOf(Normal.class);
        assertThat(r.site("x").distribution().shape()).isEqualTo(Shape.of(n, 2));
        assertThat(r.factors()).isEmpty();
        GaussianMixtureParameters g = GaussianMixtureParametersTest.example();
        double[] logW = g.weights();
        double[] mu = g.means();
        double[] sd = g.scales();
        for (int i = 0; i < n; i++) {
            int k = z[i];
            double expected = Math.log(logW[k]);
            for (int d = 0; d < 2; d++) {
                double u = (x[2 * i + d] - mu[2 * k + d]) / sd[2 * k + d];
                expected += -0.5 * u * u - Math.log(sd[2 * k + d]) - 0.5 * Math.log(2 * Math.PI);
            }
            assertThat(logJoint[i]).as("log joint of example %d", i).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void initialisationIsSeededAndBreaksTheSymmetryBetweenComponents() {
        GaussianMixtureModel model = new GaussianMixtureModel(4, 3, 2.0, -0.5);
        Map<String, HostArray> a = initialValues(model, 1);
        Map<String, HostArray> again = initialValues(model, 1);
        Map<String, HostArray> other = initialValues(model, 2);
        assertThat(again).isEqualTo(a);
        assertThat(other.get("means")).isNotEqualTo(a.get("means"));
        assertThat(a.get("logits").doubles()).containsOnly(0.0);
        assertThat(a.get("logScales").doubles()).containsOnly(-0.5);
        double[] means = a.get("means").doubles();
        double minDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < 4; j++) {
            for (int k = j + 1; k < 4; k++) {
                double s = 0;
                for (int d = 0; d < 3; d++) {
                    s += Math.pow(means[3 * j + d] - means[3 * k + d], 2);
                }
                minDistance = Math.min(minDistance, Math.sqrt(s));
            }
        }
        assertThat(minDistance).as("smallest distance between initial means").isGreaterThan(0.1);
    }

    private Map<String, HostArray> initialValues(GaussianMixtureModel model, long seed) {
        try (Workspace w = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(w, SeedStream.root(seed).child("init"), "model/");
            CompiledFunction f = w.compile("sample", List.of(TensorSpec.of(DType.INT64, 2)),
                    (ops, in) -> List.of(Traces.sample(model, ops, p, 2, in.get(0)).logJoint()));
            call(f, SeedStream.root(0).statelessSeed(0));
            return new HashMap<>(p.values());
        }
    }

    @Test
    void sampledComponentFrequenciesMatchTheMixingWeights() {
        GaussianMixtureModel model = new GaussianMixtureModel(3, 2, 1.0, 0.0);
        Parameters params = parameters(1);
        int n = 100_000;
        CompiledFunction f = ws.compile("sample", List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
            TraceResult r = Traces.sample(model, ops, params, n, in.get(0));
            return List.of(r.site("z").value(), r.site("x").value());
        });
        params.setValues(values());
        List<HostArray> out = call(f, SeedStream.root(9).statelessSeed(0));
        int[] z = out.get(0).ints();
        double[] x = out.get(1).doubles();
        long[] counts = new long[3];
        double[] sum = new double[6];
        for (int i = 0; i < n; i++) {
            counts[z[i]]++;
            sum[2 * z[i]] += x[2 * i];
            sum[2 * z[i] + 1] += x[2 * i + 1];
        }
        GaussianMixtureParameters g = GaussianMixtureParametersTest.example();
        double[] w = g.weights();
        assertThat(GaussianMixtureParametersTest.chiSquare(counts, w))
                .as("chi-square of the component counts %s against %s", java.util.Arrays.toString(counts),
                        java.util.Arrays.toString(w))
                .isLessThan(GaussianMixtureParametersTest.chiSquareBound(2));
        // Draws follow their own component's mean.
        double[] mu = g.means();
        double[] sd = g.scales();
        for (int i = 0; i < 6; i++) {
            long c = counts[i / 2];
            assertThat(Math.abs(sum[i] / c - mu[i])).as("mean %d", i).isLessThan(5 * sd[i] / Math.sqrt(c));
        }
    }

    @Test
    void exactLikelihoodAndScoreAgreeWithTheProgramSummedOverItsComponents() {
        int k = 3;
        GaussianMixtureModel model = new GaussianMixtureModel(k, 2, 1.0, 0.0);
        Parameters params = parameters(1);
        int m = 7;
        SplittableRandom random = new SplittableRandom(4);
        double[] xy = new double[2 * m];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = 2.5 * random.nextGaussian();
        }
        // Every point paired with every component: rows k*m + i hold (z = k, x_i).
        int[] z = new int[k * m];
        double[] xs = new double[2 * k * m];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < m; i++) {
                z[c * m + i] = c;
                xs[2 * (c * m + i)] = xy[2 * i];
                xs[2 * (c * m + i) + 1] = xy[2 * i + 1];
            }
        }
        List<String> names = new ArrayList<>();
        CompiledFunction f = ws.compile("marginal", List.of(TensorSpec.of(DType.INT32, k * m),
                TensorSpec.of(DType.FLOAT64, k * m, 2)), (ops, in) -> {
                    TraceResult r = Traces.score(model, ops, params, Map.of("z", in.get(0), "x", in.get(1)));
                    Tensor marginal = r.logJoint().reshape(k, m).logSumExp(0); // [m]
                    names.addAll(r.parameters().keySet());
                    List<Tensor> out = new ArrayList<>();
                    out.add(marginal);
                    out.addAll(ops.gradients(marginal.sum(), new ArrayList<>(r.parameters().values())));
                    return out;
                });
        params.setValues(values());
        List<HostArray> out = call(f, HostArray.ofInts(Shape.of(k * m), z), HostArray.of(Shape.of(k * m, 2), xs));
        HostArray data = HostArray.of(Shape.of(m, 2), xy);
        double[] exact = model.logLikelihood(data, params.values());
        double[] graph = out.get(0).doubles();
        for (int i = 0; i < m; i++) {
            assertThat(exact[i]).as("log p(x) of point %d: host vs the program's components summed out", i)
                    .isCloseTo(graph[i], within(1e-11 * Math.max(1, Math.abs(graph[i]))));
        }
        Map<String, HostArray> score = model.score(data, params.values());
        assertThat(score.keySet()).containsExactlyElementsOf(names);
        for (int p = 0; p < names.size(); p++) {
            double[] perPoint = score.get(names.get(p)).doubles();
            double[] backend = out.get(1 + p).doubles();
            int size = backend.length;
            for (int e = 0; e < size; e++) {
                double total = 0;
                for (int i = 0; i < m; i++) {
                    total += perPoint[i * size + e];
                }
                assertThat(total).as("Σ_m score of '%s' element %d vs the backend's gradient", names.get(p), e)
                        .isCloseTo(backend[e], within(1e-10 * Math.max(1, Math.abs(backend[e]))));
            }
        }
    }
}
