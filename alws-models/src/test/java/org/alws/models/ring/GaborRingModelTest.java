package org.alws.models.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Normal;
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
import org.alws.tensorflow.TensorFlowBackend;
import org.assertj.core.groups.Tuple;
import org.alws.models.image.HostTransposedConvolution;
import org.junit.jupiter.api.Test;

/**
 * The circle-prior model: its provider and options, its sites and parameters, draws of the angle on [−π, π), and its
 * mean and log joint against the reference's layers computed directly from the parameter values (PyTorch's
 * {@code ConvTranspose2d} scatter: 4×4, stride 1 and padding 0 with a bias, then stride 2 and padding 1 twice).
 */
class GaborRingModelTest {
    private final GaborRingModelProvider provider = new GaborRingModelProvider();

    @Test
    void providerDefaultsAndBadOptions() {
        assertThat(provider.name()).isEqualTo("gabor-ring");
        assertThat(provider.priority()).isLessThan(10);
        assertThat(provider.create(provider.defaultOptions()).channels()).containsExactly(32, 16);
        assertThatThrownBy(() -> new GaborRingModelProvider.Options(List.of(4), 0.0))
                .isInstanceOf(ConfigException.class).hasMessage("channels: got [4], expected 2 channel counts >= 1 "
                        + "(the outputs of the 4x4 and 8x8 layers), e.g. [256, 128]");
        assertThatThrownBy(() -> new GaborRingModelProvider.Options(List.of(4, 0), 0.0))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("channels: got [4, 0]");
        assertThatThrownBy(() -> new GaborRingModelProvider.Options(List.of(4, 4), Double.NaN))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("initialLogSigma: got NaN");
    }

    @Test
    void theAngleIsTheOnlyLatentAndImagesAre16By16() {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
            GaborRingModel model = new GaborRingModel(List.of(8, 4), 0.0);
            ModelStructure s = ModelStructure.inspect(model, p);
            assertThat(s.latentSites()).extracting(SiteInfo::name, SiteInfo::eventShape)
                    .containsExactly(Tuple.tuple("angle", Shape.scalar()));
            assertThat(s.observed().eventShape()).isEqualTo(GaborRingModel.imageShape());
            assertThat(s.parameters()).containsExactly(Map.entry("decoder/w0", Shape.of(4, 4, 8, 2)),
                    Map.entry("decoder/b0", Shape.of(8)), Map.entry("decoder/w1", Shape.of(4, 4, 4, 8)),
                    Map.entry("decoder/w2", Shape.of(4, 4, 1, 4)), Map.entry("logSigma", Shape.scalar()));
            CompiledFunction draw = ws.compile("draw", List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                TraceResult r = Traces.sample(model, ops, p, 2000, in.get(0));
                return List.of(r.site("angle").value(), r.site("angle").logProb());
            });
            List<HostArray> out = host(draw.call(SeedStream.root(2).statelessSeed(0)));
            double[] angles = out.get(0).doubles();
            double sum = 0;
            for (double a : angles) {
                assertThat(a).isGreaterThanOrEqualTo(-Math.PI).isLessThan(Math.PI);
                sum += a;
            }
            assertThat(sum / angles.length).as("mean angle").isCloseTo(0.0, within(0.25));
            assertThat(KolmogorovSmirnov.againstUniform(angles, -Math.PI, Math.PI))
                    .isLessThan(KolmogorovSmirnov.criticalValue05(2000) * 1.3);
            for (double lp : out.get(1).doubles()) {
                assertThat(lp).isCloseTo(-Math.log(2 * Math.PI), within(1e-5));
            }
        }
    }

    @Test
    void theMeanAndLogJointAreTheReferenceLayers() {
        int n = 3;
        List<Integer> channels = List.of(5, 3);
        GaborRingModel model = new GaborRingModel(channels, -0.3);
        SplittableRandom random = new SplittableRandom(7);
        double[] angles = random.doubles(n, -Math.PI, Math.PI).toArray();
        double[] x = random.doubles(n * 256, -1, 1).toArray();
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            // Non-zero biases, so that the test sees them.
            ModelStructure.inspect(model, p);
            p.setValues(Map.of("decoder/b0", HostArray.of(Shape.of(5), random.doubles(5, -0.5, 0.5).toArray())));
            CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.FLOAT64, n),
                    TensorSpec.of(DType.FLOAT64, n, 16, 16, 1)), (ops, in) -> {
                        Map<String, Tensor> given = new LinkedHashMap<>();
                        given.put("angle", in.get(0));
                        given.put("x", in.get(1));
                        TraceResult r = Traces.score(model, ops, p, given);
                        return List.of(((Normal) r.observed().distribution()).loc(), r.logJoint());
                    });
            List<HostArray> out = host(score.call(HostArray.of(Shape.of(n), angles),
                    HostArray.of(Shape.of(n, 16, 16, 1), x)));
            Map<String, HostArray> theta = p.values();
            double[] h = new double[n * 2];
            for (int e = 0; e < n; e++) {
                h[2 * e] = Math.sin(angles[e]);
                h[2 * e + 1] = Math.cos(angles[e]);
            }
            h = HostTransposedConvolution.apply(h, n, 1, 2, theta.get("decoder/w0").doubles(), 5, 1, 0);
            double[] bias = theta.get("decoder/b0").doubles();
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.max(0, h[i] + bias[i % 5]);
            }
            h = HostTransposedConvolution.apply(h, n, 4, 5, theta.get("decoder/w1").doubles(), 3, 2, 1);
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.max(0, h[i]);
            }
            h = HostTransposedConvolution.apply(h, n, 8, 3, theta.get("decoder/w2").doubles(), 1, 2, 1);
            assertThat(h).hasSize(n * 256);
            double sigma = Math.exp(-0.3);
            double[] mean = out.get(0).doubles();
            for (int e = 0; e < n; e++) {
                double logJoint = -Math.log(2 * Math.PI);
                for (int j = 0; j < 256; j++) {
                    double m = Math.tanh(h[e * 256 + j]);
                    assertThat(mean[e * 256 + j]).isCloseTo(m, within(1e-12));
                    logJoint += -0.5 * Math.pow((x[e * 256 + j] - m) / sigma, 2) - Math.log(sigma)
                            - 0.5 * Math.log(2 * Math.PI);
                }
                assertThat(out.get(1).get(e)).as("log joint of example %d", e).isCloseTo(logJoint, within(1e-9));
            }
        }
    }

    @Test
    void meanImagesAtGivenAnglesAreTheDrawnOnesAndRepeatAfterAFullTurn() {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            GaborRingModel model = new GaborRingModel(List.of(6, 4), 0.0);
            MeanImages.Draws drawn = MeanImages.sample(ws, model, p, 7, SeedStream.root(8));
            assertThat(drawn.count()).isEqualTo(7);
            assertThat(drawn.height()).isEqualTo(16);
            double[] angles = drawn.angles().orElseThrow();
            MeanImages.Draws decoded = MeanImages.decode(ws, model, p, angles);
            assertThat(decoded.images()).containsExactly(drawn.images(), within(1e-12));
            double[] turned = angles.clone();
            for (int i = 0; i < turned.length; i++) {
                turned[i] += 2 * Math.PI;
            }
            assertThat(MeanImages.decode(ws, model, p, turned).images()).containsExactly(drawn.images(),
                    within(1e-9));
        }
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
