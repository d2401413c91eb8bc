package org.alws.models.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.dist.Normal;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.models.testing.HostOps;
import org.alws.models.testing.HostTrace;
import org.junit.jupiter.api.Test;

class GradientEstimationModelTest {

    private final GradientEstimationModelProvider provider = new GradientEstimationModelProvider();

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
        HostTrace trace = new HostTrace(n, Map.of("b", HostArray.vector(b)),
                Map.of("z", HostArray.of(Shape.of(n, 2), z), "x", HostArray.of(Shape.of(n, 1), x)));
        model.run(trace);
        assertThat(trace.parameterShapes()).containsExactly(Map.entry("b", Shape.of(2)));
        assertThat(trace.sites()).containsOnlyKeys("z", "x");
        assertThat(trace.sites().get("z").observed()).isFalse();
        assertThat(trace.sites().get("z").distribution()).isInstanceOf(Normal.class);
        assertThat(trace.sites().get("z").distribution().shape()).isEqualTo(Shape.of(n, 2));
        assertThat(trace.sites().get("x").observed()).isTrue();
        assertThat(trace.sites().get("x").distribution()).isInstanceOf(Normal.class);
        assertThat(trace.sites().get("x").distribution().shape()).isEqualTo(Shape.of(n, 1));
        double[] logJoint = trace.logJoint();
        double sigma = 0.7;
        for (int i = 0; i < n; i++) {
            double z1 = z[2 * i];
            double z2 = z[2 * i + 1];
            double mean = Scalars.softplus(b[0] * z1 + b[1] * z2) - (b[0] * b[0] + b[1] * b[1]);
            double expected = -0.5 * (z1 * z1 + z2 * z2) - Math.log(2 * Math.PI)
                    - 0.5 * Math.pow((x[i] - mean) / sigma, 2) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            assertThat(logJoint[i]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void programUsesTheInitialValueFromTheOptions() {
        GradientEstimationModel model = new GradientEstimationModel(0.5, new double[] {0.2, 0.1});
        HostTrace trace = new HostTrace(1, Map.of(), Map.of());
        model.run(trace);
        // With b = (0.2, 0.1) the mean of x is softplus(b·z) − 0.05; check it through the recorded distribution.
        Normal x = (Normal) trace.sites().get("x").distribution();
        double[] z = HostOps.values(trace.sites().get("z").value());
        double expected = Scalars.softplus(0.2 * z[0] + 0.1 * z[1]) - 0.05;
        assertThat(HostOps.values(x.loc())[0]).isCloseTo(expected, within(1e-15));
        assertThat(HostOps.values(x.scale())[0]).isEqualTo(0.5);
    }

    @Test
    void samplesOfTheProgramHaveTheExactMoments() {
        double[] b = {1.0, 0.5};
        double sigma = 0.5;
        int n = 200_000;
        GradientEstimationModel model = new GradientEstimationModel(sigma, b);
        HostTrace trace = new HostTrace(n, Map.of(), Map.of());
        model.run(trace);
        double[] x = HostOps.values(trace.sites().get("x").value());
        GradientEstimationMarginal m = new GradientEstimationMarginal(b, sigma);
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        assertThat(Math.abs(mean - m.mean())).isLessThan(5 * Math.sqrt(m.variance() / n));
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
