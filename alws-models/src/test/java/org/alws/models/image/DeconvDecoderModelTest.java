package org.alws.models.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Bernoulli;
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
import org.junit.jupiter.api.Test;

/**
 * The deconvolutional decoder's provider and options, its shapes at the paper's size, and its output against a
 * direct implementation of the reference's layers (PyTorch's {@code ConvTranspose2d} scatter with padding 0, then 1)
 * on a narrow decoder in float64: this pins the filter layout and the padding of {@code conv2dTranspose}.
 */
class DeconvDecoderModelTest {

    private final DeconvDecoderModelProvider provider = new DeconvDecoderModelProvider();

    @Test
    void defaultsAreThePapersDecoder() {
        assertThat(provider.name()).isEqualTo("deconv-decoder");
        assertThat(provider.priority()).isLessThan(10);
        DeconvDecoderModel m = provider.create(provider.defaultOptions());
        assertThat(m.latent()).isEqualTo(16);
        assertThat(m.channels()).containsExactly(256, 128, 64);
        assertThat(m.likelihood()).isEqualTo(Likelihood.GAUSSIAN);
        assertThat(m.tanhMean()).isTrue();
        assertThat(m).hasToString("deconv-decoder(k=16, channels=[256, 128, 64], gaussian)");
    }

    @Test
    void badOptionsNameTheField() {
        assertThatThrownBy(() -> new DeconvDecoderModelProvider.Options(0, List.of(4, 4, 4), Likelihood.GAUSSIAN, 0,
                true)).isInstanceOf(ConfigException.class).hasMessageContaining("latent");
        assertThatThrownBy(() -> new DeconvDecoderModelProvider.Options(16, List.of(4, 4), Likelihood.GAUSSIAN, 0,
                true)).isInstanceOf(ConfigException.class).hasMessage("channels: got [4, 4], expected 3 channel counts"
                + " >= 1 (the outputs of the 4x4, 8x8 and 16x16 layers), e.g. [256, 128, 64]");
        assertThatThrownBy(() -> new DeconvDecoderModelProvider.Options(16, List.of(4, 0, 4), Likelihood.GAUSSIAN, 0,
                true)).isInstanceOf(ConfigException.class).hasMessageStartingWith("channels: got [4, 0, 4]");
        assertThatThrownBy(() -> new DeconvDecoderModelProvider.Options(16, List.of(4, 4, 4), null, 0, true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("likelihood");
        assertThatThrownBy(() -> new DeconvDecoderModelProvider.Options(16, List.of(4, 4, 4), Likelihood.GAUSSIAN,
                Double.NaN, true)).isInstanceOf(ConfigException.class).hasMessageContaining("initialLogSigma");
    }

    @Test
    void thePapersDecoderDrawsLatentsOfSixteenAndImagesOf32By32() {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
            DeconvDecoderModel model = provider.create(provider.defaultOptions());
            ModelStructure s = ModelStructure.inspect(model, p);
            assertThat(s.latentSites()).extracting(SiteInfo::name, SiteInfo::eventShape)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("z", Shape.of(16)));
            assertThat(s.observed().eventShape()).isEqualTo(Shape.of(32, 32, 1));
            assertThat(s.observed().eventShape()).isEqualTo(DeconvDecoderModel.imageShape());
            assertThat(s.parameters()).containsExactly(Map.entry("decoder/w0", Shape.of(4, 4, 256, 16)),
                    Map.entry("decoder/w1", Shape.of(4, 4, 128, 256)), Map.entry("decoder/w2", Shape.of(4, 4, 64, 128)),
                    Map.entry("decoder/w3", Shape.of(4, 4, 1, 64)), Map.entry("logSigma", Shape.scalar()));
            CompiledFunction draw = ws.compile("draw", List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                TraceResult r = Traces.sample(model, ops, p, 3, in.get(0));
                return List.of(r.site("z").value(), r.site("x").value(), r.logJoint());
            });
            List<HostArray> out = host(draw.call(SeedStream.root(2).statelessSeed(0)));
            assertThat(out.get(0).shape()).isEqualTo(Shape.of(3, 16));
            assertThat(out.get(1).shape()).isEqualTo(Shape.of(3, 32, 32, 1));
            assertThat(out.get(2).shape()).isEqualTo(Shape.of(3));
            assertThat(out.get(1).allFinite()).isTrue();
            assertThat(out.get(2).allFinite()).isTrue();
        }
    }

    @Test
    void theGaussianMeanIsTanhOfTheReferenceLayers() {
        checkAgainstReference(Likelihood.GAUSSIAN, true);
    }

    @Test
    void theLinearGaussianMeanIsTheReferenceLayers() {
        checkAgainstReference(Likelihood.GAUSSIAN, false);
    }

    @Test
    void theBernoulliLogitsAreTheReferenceLayers() {
        checkAgainstReference(Likelihood.BERNOULLI, true);
    }

    /**
     * Scores random (z, x) with a narrow decoder and compares the observed distribution's mean (or logits) and its
     * log-probability with the same layers computed directly from the parameter values.
     */
    private void checkAgainstReference(Likelihood likelihood, boolean tanhMean) {
        int n = 2;
        int k = 3;
        List<Integer> channels = List.of(4, 3, 2);
        DeconvDecoderModel model = new DeconvDecoderModel(k, channels, likelihood, -0.3, tanhMean);
        SplittableRandom random = new SplittableRandom(7);
        double[] z = random.doubles(n * k, -1.5, 1.5).toArray();
        double[] x = new double[n * 32 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = likelihood == Likelihood.BERNOULLI ? (random.nextBoolean() ? 1 : 0) : random.nextDouble(-1, 1);
        }
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.FLOAT64, n, k),
                    TensorSpec.of(DType.FLOAT64, n, 32, 32, 1)), (ops, in) -> {
                        Map<String, Tensor> given = new LinkedHashMap<>();
                        given.put("z", in.get(0));
                        given.put("x", in.get(1));
                        TraceResult r = Traces.score(model, ops, p, given);
                        Tensor location = r.observed().distribution() instanceof Normal normal ? normal.loc()
                                : ((Bernoulli) r.observed().distribution()).logits();
                        return List.of(location, r.logJoint());
                    });
            List<HostArray> out = host(score.call(HostArray.of(Shape.of(n, k), z),
                    HostArray.of(Shape.of(n, 32, 32, 1), x)));
            Map<String, HostArray> theta = p.values();

            double[] h = z;
            int size = 1;
            int depth = k;
            for (int layer = 0; layer < 4; layer++) {
                int outChannels = layer < 3 ? channels.get(layer) : 1;
                int stride = layer == 0 ? 1 : 2;
                int pad = layer == 0 ? 0 : 1;
                h = HostTransposedConvolution.apply(h, n, size, depth, theta.get("decoder/w" + layer).doubles(), outChannels,
                        stride, pad);
                size = (size - 1) * stride - 2 * pad + 4;
                depth = outChannels;
                if (layer < 3) {
                    h = Arrays.stream(h).map(v -> Math.max(0, v)).toArray();
                }
            }
            assertThat(size).isEqualTo(32);
            boolean gaussian = likelihood == Likelihood.GAUSSIAN;
            double[] location = gaussian && tanhMean ? Arrays.stream(h).map(Math::tanh).toArray() : h;
            assertThat(out.get(0).shape()).isEqualTo(Shape.of(n, 32, 32, 1));
            double[] actual = out.get(0).doubles();
            for (int i = 0; i < location.length; i++) {
                assertThat(actual[i]).as("output %d", i).isCloseTo(location[i], within(1e-10));
            }
            double sigma = gaussian ? Math.exp(theta.get("logSigma").scalarValue()) : Double.NaN;
            if (gaussian) {
                assertThat(theta.get("logSigma").scalarValue()).isEqualTo(-0.3);
            }
            for (int e = 0; e < n; e++) {
                double logJoint = 0;
                for (int j = 0; j < k; j++) {
                    logJoint += -0.5 * z[e * k + j] * z[e * k + j] - 0.5 * Math.log(2 * Math.PI);
                }
                for (int j = 0; j < 32 * 32; j++) {
                    double v = x[e * 1024 + j];
                    double m = location[e * 1024 + j];
                    logJoint += gaussian ? -0.5 * Math.pow((v - m) / sigma, 2) - Math.log(sigma)
                            - 0.5 * Math.log(2 * Math.PI) : v * m - Math.log1p(Math.exp(m));
                }
                assertThat(out.get(1).get(e)).as("log joint of example %d", e).isCloseTo(logJoint, within(1e-8));
            }
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
