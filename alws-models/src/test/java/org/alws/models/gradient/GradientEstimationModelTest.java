package org.alws.models.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
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
 * The gradient-estimation model's provider, options and exact quantities, and its program run on the TensorFlow
 * backend in float64: its sites, parameter and log joint against the formula, its initial value, and the moments of
 * its draws against the exact marginal's.
 */
class GradientEstimationModelTest {

    private final GradientEstimationModelProvider provider = new GradientEstimationModelProvider();
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void providerDescribesTheModelAndIsRegistered() {
        assertThat(provider.name()).isEqualTo("gradient-estimation");
        assertThat(provider.kind()).isEqualTo(PluginKind.MODEL);
        assertThat(provider.defaultOptions().sigmaX()).isEqualTo(0.5);
        assertThat(provider.defaultOptions().initialB()).containsExactly(0.2, 0.1);
        assertThat(registered(PluginKind.MODEL)).contains("gradient-estimation");
        assertThat(registered(PluginKind.DATASET)).contains("gradient-estimation");
    }

    private static List<String> registered(PluginKind kind) {
        return ServiceLoader.load(kind.serviceType()).stream().map(p -> ((Provider<?>) p.get()).name()).toList();
    }

    @Test
    void optionsAreValidatedWithOneLineMessages() {
        assertThatThrownBy(() -> new GradientEstimationModelProvider.Options(-1, new double[] {0, 0}))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sigmaX: got -1.0, expected a finite number > 0");
        assertThatThrownBy(() -> new GradientEstimationModelProvider.Options(1, new double[] {0, 0, 0}))
                .isInstanceOf(ConfigException.class)
                .hasMessage("initialB: got [0.0, 0.0, 0.0], expected a list of 2 numbers");
        double[] b = {1, 2};
        GradientEstimationModelProvider.Options o = new GradientEstimationModelProvider.Options(1, b);
        b[0] = 5;
        assertThat(o.initialB()).containsExactly(1, 2);
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

    /** Draws {@code n} joint samples from the program on the backend: z, x, and x's location and scale. */
    private List<HostArray> sample(GradientEstimationModel model, Parameters params, int n, long seed) {
        CompiledFunction f = ws.compile("sample", List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
            TraceResult r = Traces.sample(model, ops, params, n, in.get(0));
            Normal x = (Normal) r.site("x").distribution();
            return List.of(r.site("z").value(), r.site("x").value(), x.loc(), ops.broadcastTo(x.scale(),
                    x.shape()));
        });
        return call(f, SeedStream.root(seed).statelessSeed(0));
    }

    @Test
    void programHasTheDocumentedSitesAndLogJoint() {
        GradientEstimationModel model = provider.create(new GradientEstimationModelProvider.Options(0.7,
                new double[] {0.3, -0.4}));
        int n = 5;
        SplittableRandom random = new SplittableRandom(3);
        double[] z = new double[2 * n];
        double[] x = new double[n];
        for (int i = 0; i < z.length; i++) {
            z[i] = random.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            x[i] = 2 * random.nextGaussian();
        }
        double[] b = {1.1, -0.6};
        Parameters params = parameters();
        List<TraceResult> traced = new ArrayList<>();
        CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.FLOAT64, n, 2),
                TensorSpec.of(DType.FLOAT64, n, 1)), (ops, in) -> {
                    TraceResult r = Traces.score(model, ops, params, Map.of("z", in.get(0), "x", in.get(1)));
                    traced.add(r);
                    return List.of(r.logJoint());
                });
        params.setValues(Map.of("b", HostArray.vector(b)));
        double[] logJoint = call(score, HostArray.of(Shape.of(n, 2), z), HostArray.of(Shape.of(n, 1), x)).get(0)
                .doubles();
        TraceResult r = traced.get(0);
        assertThat(r.parameters().keySet()).containsExactly("b");
        assertThat(r.parameters().get("b").shape()).isEqualTo(Shape.of(2));
        assertThat(r.sites().keySet()).containsExactly("z", "x");
        assertThat(r.site("z").isObserved()).isFalse();
        assertThat(r.site("z").distribution()).isInstanceOf(Normal.class);
        assertThat(r.site("z").distribution().shape()).isEqualTo(Shape.of(n, 2));
        assertThat(r.site("x").isObserved()).isTrue();
        assertThat(r.site("x").distribution()).isInstanceOf(Normal.class);
        assertThat(r.site("x").distribution().shape()).isEqualTo(Shape.of(n, 1));
        assertThat(r.factors()).isEmpty();
        double sigma = 0.7;
        for (int i = 0; i < n; i++) {
            double z1 = z[2 * i];
            double z2 = z[2 * i + 1];
            double mean = Scalars.softplus(b[0] * z1 + b[1] * z2) - (b[0] * b[0] + b[1] * b[1]);
            double expected = -0.5 * (z1 * z1 + z2 * z2) - Math.log(2 * Math.PI)
                    - 0.5 * Math.pow((x[i] - mean) / sigma, 2) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            assertThat(logJoint[i]).as("log joint of example %d", i).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void programUsesTheInitialValueFromTheOptions() {
        GradientEstimationModel model = new GradientEstimationModel(0.5, new double[] {0.2, 0.1});
        Parameters params = parameters();
        List<HostArray> drawn = sample(model, params, 1, 4);
        assertThat(params.values().get("b").doubles()).containsExactly(0.2, 0.1);
        // With b = (0.2, 0.1) the mean of x is softplus(b·z) − 0.05; check it through the recorded distribution.
        double[] z = drawn.get(0).doubles();
        double expected = Scalars.softplus(0.2 * z[0] + 0.1 * z[1]) - 0.05;
        assertThat(drawn.get(2).doubles()[0]).isCloseTo(expected, within(1e-15));
        assertThat(drawn.get(3).doubles()[0]).isEqualTo(0.5);
    }

    @Test
    void samplesOfTheProgramHaveTheExactMoments() {
        double[] b = {1.0, 0.5};
        double sigma = 0.5;
        int n = 200_000;
        GradientEstimationModel model = new GradientEstimationModel(sigma, b);
        double[] x = sample(model, parameters(), n, 5).get(1).doubles();
        assertThat(x).hasSize(n);
        GradientEstimationMarginal m = new GradientEstimationMarginal(b, sigma);
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - mean) * (v - mean);
            m2 += d / n;
            m4 += d * d / n;
        }
        assertThat(Math.abs(mean - m.mean())).as("sample mean %s vs exact %s", mean, m.mean())
                .isLessThan(5 * Math.sqrt(m.variance() / n));
        // The standard error of a sample variance is sqrt((μ4 − σ⁴) / n), estimated from the sample.
        assertThat(Math.abs(m2 - m.variance())).as("sample variance %s vs exact %s", m2, m.variance())
                .isLessThan(5 * Math.sqrt((m4 - m2 * m2) / n));
    }

    @Test
    void exactLikelihoodAndScoreHaveTheDocumentedShapes() {
        GradientEstimationModel model = new GradientEstimationModel(0.5, new double[] {0.2, 0.1});
        HostArray data = HostArray.of(Shape.of(3, 1), new double[] {-0.5, 0.4, 2.0});
        Map<String, HostArray> params = Map.of("b", HostArray.of(Shape.of(2), DType.FLOAT32, new double[] {1, 0.5}));
        double[] ll = model.logLikelihood(data, params);
        Map<String, HostArray> score = model.score(data, params);
        GradientEstimationMarginal m = new GradientEstimationMarginal(new double[] {1, 0.5}, 0.5);
        assertThat(score).containsOnlyKeys("b");
        assertThat(score.get("b").shape()).isEqualTo(Shape.of(3, 2));
        assertThat(score.get("b").dtype()).isEqualTo(DType.FLOAT64);
        for (int i = 0; i < 3; i++) {
            double x = data.get(i);
            assertThat(ll[i]).isEqualTo(m.logDensity(x));
            assertThat(score.get("b").get(2 * i)).isEqualTo(m.score(x)[0]);
            assertThat(score.get("b").get(2 * i + 1)).isEqualTo(m.score(x)[1]);
        }
        assertThatThrownBy(() -> model.logLikelihood(HostArray.of(Shape.of(2, 2), new double[4]), params))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "data: got float64[2, 2], expected a floating array of shape [M, 1]");
        assertThatThrownBy(() -> model.score(data, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b'");
        assertThatThrownBy(() -> model.score(data, Map.of("b", HostArray.vector(1, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parameter 'b': got shape [3], expected [2]");
    }
}
