package org.alws.models.pinwheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.dist.Normal;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.models.ring.GaborRingModel;
import org.alws.tensorflow.TensorFlowBackend;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The pinwheel model: provider defaults (the reference's), sites and parameters, its log joint and mean against the
 * host-side {@link PinwheelParameters} in float64, draws whose moments match the parameters, and the
 * {@code pinwheel-loglik} metric, which is the estimator on the first test points.
 */
class PinwheelModelTest {
    private final PinwheelModelProvider provider = new PinwheelModelProvider();

    private record Context(GenerativeModel model, Parameters modelParameters, Workspace workspace, Dataset data,
            Dataset trainingData, SeedStream seeds) implements EvaluationContext {
    }

    @Test
    void providerDefaultsAreTheReferencesAndBadOptionsNameTheField() {
        assertThat(provider.name()).isEqualTo("pinwheel");
        assertThat(provider.priority()).isLessThan(10);
        assertThat(provider.defaultOptions()).isEqualTo(new PinwheelModelProvider.Options(10, 20, 0.5, 0.3, -1.0,
                PinwheelModel.Seeding.KMEANS_PLUS_PLUS));
        assertThat(provider.create(provider.defaultOptions())).hasToString("pinwheel(K=10, H=20)");
        assertThatThrownBy(() -> new PinwheelModelProvider.Options(0, 20, 0.5, 0.3, -1, PinwheelModel.Seeding.RANDOM))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("components: got 0");
        assertThatThrownBy(() -> new PinwheelModelProvider.Options(10, 0, 0.5, 0.3, -1, PinwheelModel.Seeding.RANDOM))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("hidden: got 0");
        assertThatThrownBy(() -> new PinwheelModelProvider.Options(10, 20, 0.5, 0, -1, PinwheelModel.Seeding.RANDOM))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("initialScale: got 0.0");
    }

    @Test
    void theLogJointAndMeanAreThoseOfTheHostParameters() {
        PinwheelModel model = new PinwheelModel(4, 6, 0.5, 0.3, -1.0);
        int n = 5;
        SplittableRandom random = new SplittableRandom(3);
        int[] c = random.ints(n, 0, 4).toArray();
        double[] y = random.doubles(2 * n, -1, 1).toArray();
        double[] x = random.doubles(2 * n, -1, 1).toArray();
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(2).child("init"), "model/");
            ModelStructure s = ModelStructure.inspect(model, p);
            assertThat(s.latentSites()).extracting(SiteInfo::name, SiteInfo::eventShape)
                    .containsExactly(Tuple.tuple("c", Shape.scalar()), Tuple.tuple("y", Shape.of(2)));
            assertThat(s.observed().eventShape()).isEqualTo(Shape.of(2));
            assertThat(s.parameters()).isEqualTo(PinwheelParameters.shapes(4, 6));
            // Unequal weights and noise, so that the test sees them.
            p.setValues(Map.of(PinwheelParameters.LOGITS, HostArray.vector(0.3, -0.2, 0.5, 0.0),
                    PinwheelParameters.LOG_NOISE, HostArray.vector(-1.2, -0.7)));
            CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.INT32, n),
                    TensorSpec.of(DType.FLOAT64, n, 2), TensorSpec.of(DType.FLOAT64, n, 2)), (ops, in) -> {
                        Map<String, Tensor> given = new LinkedHashMap<>();
                        given.put("c", in.get(0));
                        given.put("y", in.get(1));
                        given.put("x", in.get(2));
                        TraceResult r = Traces.score(model, ops, p, given);
                        return List.of(((Normal) r.observed().distribution()).loc(), r.logJoint());
                    });
            List<HostArray> out = host(score.call(HostArray.ofInts(Shape.of(n), c), HostArray.of(Shape.of(n, 2), y),
                    HostArray.of(Shape.of(n, 2), x)));
            PinwheelParameters theta = model.parameters(p.values());
            double[] weights = theta.weights();
            double[] means = theta.values().get(PinwheelParameters.MEANS);
            double[] logScales = theta.values().get(PinwheelParameters.LOG_SCALES);
            double[] logNoise = theta.values().get(PinwheelParameters.LOG_NOISE);
            double[] f = new double[2];
            for (int e = 0; e < n; e++) {
                double[] ye = {y[2 * e], y[2 * e + 1]};
                theta.mlp().apply(ye, f);
                double lp = Math.log(weights[c[e]]);
                for (int d = 0; d < 2; d++) {
                    assertThat(out.get(0).get(2 * e + d)).isCloseTo(f[d], within(1e-12));
                    lp += normal(ye[d], means[2 * c[e] + d], Math.exp(logScales[2 * c[e] + d]));
                    lp += normal(x[2 * e + d], f[d], Math.exp(logNoise[d]));
                }
                assertThat(out.get(1).get(e)).as("log joint of example %d", e).isCloseTo(lp, within(1e-10));
            }
        }
    }

    @Test
    void drawsHaveTheMixturesWeightsAndTheObservationNoise() {
        PinwheelModel model = new PinwheelModel(3, 5, 0.5, 0.3, -1.0);
        int n = 20_000;
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(2).child("init"), "model/");
            ModelStructure.inspect(model, p);
            p.setValues(Map.of(PinwheelParameters.LOGITS, HostArray.vector(Math.log(0.2), Math.log(0.5),
                    Math.log(0.3))));
            CompiledFunction draw = ws.compile("draw", List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                TraceResult r = Traces.sample(model, ops, p, n, in.get(0));
                return List.of(r.site("c").value(), r.site("y").value(), r.site("x").value());
            });
            List<HostArray> out = host(draw.call(SeedStream.root(9).statelessSeed(0)));
            int[] c = out.get(0).ints();
            double[] y = out.get(1).doubles();
            double[] x = out.get(2).doubles();
            PinwheelParameters theta = model.parameters(p.values());
            int[] counts = new int[3];
            double residual = 0;
            double[] f = new double[2];
            for (int e = 0; e < n; e++) {
                counts[c[e]]++;
                theta.mlp().apply(new double[] {y[2 * e], y[2 * e + 1]}, f);
                residual += Math.pow(x[2 * e] - f[0], 2) / n;
            }
            assertThat(counts[0] / (double) n).isCloseTo(0.2, within(0.015));
            assertThat(counts[1] / (double) n).isCloseTo(0.5, within(0.015));
            assertThat(Math.sqrt(residual)).isCloseTo(Math.exp(-1.0), within(0.01));
        }
    }

    @Test
    void kmeansSeedingStartsAsAMixtureOfTheDataThroughAnIdentityMlp() {
        PinwheelModel model = provider.create(provider.defaultOptions());
        DataSplits data = new PinwheelDataProvider().load(new PinwheelDataProvider.Options(5, 0.3, 0.1, 0.2, 2000,
                10), SeedStream.root(4));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(2).child("init"), "model/");
            ModelStructure.inspect(model, p);
            Map<String, HostArray> before = p.values();
            Map<String, HostArray> initial = model.initialValues(data.train().all(), before, new SplittableRandom(5));
            assertThat(initial.keySet()).containsExactlyInAnyOrder(PinwheelParameters.MEANS,
                    PinwheelParameters.LOG_SCALES, PinwheelParameters.W1, PinwheelParameters.B1,
                    PinwheelParameters.W2, PinwheelParameters.B2, PinwheelParameters.LOG_NOISE);
            initial.forEach((name, value) -> assertThat(value.shape()).as(name).isEqualTo(before.get(name).shape()));
            p.setValues(initial);
            PinwheelParameters theta = model.parameters(p.values());
            SplittableRandom random = new SplittableRandom(6);
            double[] f = new double[2];
            for (int i = 0; i < 50; i++) {
                double[] y = {random.nextDouble(-3, 3), random.nextDouble(-3, 3)};
                theta.mlp().apply(y, f);
                assertThat(f).containsExactly(y, within(1e-12));
            }
            // The means are centroids of the data: each lies within the data's range, near some data points.
            double[] means = theta.values().get(PinwheelParameters.MEANS);
            double[] x = data.train().all().doubles();
            for (int k = 0; k < 10; k++) {
                double nearest = Double.POSITIVE_INFINITY;
                for (int i = 0; i < 2000; i++) {
                    nearest = Math.min(nearest, Math.hypot(x[2 * i] - means[2 * k], x[2 * i + 1] - means[2 * k + 1]));
                }
                assertThat(nearest).as("distance of mean %d from the data", k).isLessThan(0.2);
            }
            // Noise and scales add up to the clusters' spread; the noise is the smaller part.
            double[] noise = theta.values().get(PinwheelParameters.LOG_NOISE);
            double[] scales = theta.values().get(PinwheelParameters.LOG_SCALES);
            for (int i = 0; i < scales.length; i++) {
                assertThat(noise[i % 2]).isLessThan(scales[i] - Math.log(1.7));
            }
            PinwheelModel random0 = new PinwheelModel(10, 20, 0.5, 0.3, -1.0, PinwheelModel.Seeding.RANDOM);
            assertThat(random0.initialValues(data.train().all(), before, new SplittableRandom(5))).isEmpty();
        }
    }

    @Test
    void theMetricIsTheEstimatorOnTheFirstTestPoints() {
        PinwheelModel model = new PinwheelModel(3, 5, 0.5, 0.3, -1.0);
        DataSplits data = new PinwheelDataProvider().load(new PinwheelDataProvider.Options(5, 0.3, 0.1, 0.2, 20, 60),
                SeedStream.root(4));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(2).child("init"), "model/");
            ModelStructure.inspect(model, p);
            SeedStream seeds = SeedStream.root(5).child("eval");
            Map<String, Double> result = new PinwheelLikelihoodMetricProvider().create(
                    new PinwheelLikelihoodMetricProvider.Options(300, 40)).evaluate(new Context(model, p, ws,
                            data.test(), data.train(), seeds));
            double expected = model.parameters(p.values()).likelihood(300).meanLogLikelihood(
                    data.test().all().rows(0, 40).doubles(), seeds.child(PinwheelLikelihoodMetric.NAME).random(0));
            assertThat(result).containsExactly(Map.entry(PinwheelLikelihoodMetric.KEY, expected));

            Context ring = new Context(new GaborRingModel(List.of(2, 2), 0.0), p, ws, data.test(), data.train(),
                    seeds);
            assertThatThrownBy(() -> new PinwheelLikelihoodMetric(10, 10).evaluate(ring))
                    .isInstanceOf(IncompatibleModelException.class).hasMessage("pinwheel-loglik estimates the "
                            + "likelihood of the pinwheel model only, got gabor-ring(channels=[2, 2])");
        }
    }

    private static double normal(double v, double mean, double sd) {
        double u = (v - mean) / sd;
        return -0.5 * u * u - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
    }

    private static List<HostArray> host(List<DeviceArray> out) {
        List<HostArray> h = new ArrayList<>();
        for (DeviceArray d : out) {
            h.add(d.toHost());
            d.close();
        }
        return h;
    }
}
