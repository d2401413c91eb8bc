package org.alws.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.dist.Normal;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.DefaultGuide;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;
import org.alws.baselines.guide.Guides;
import org.alws.models.image.DeconvDecoderModel;
import org.alws.models.image.Likelihood;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default guide's conv encoder: chosen automatically for image data [H, W, C] (32×32 from the deconv-decoder,
 * 28×28 from an MLP image model), its layers' shapes, proposals of the latent's shape on real images, the MLP kept
 * for vectors, the one-line error when it is asked for on vector data, and a VAE with it training a small
 * deconv-decoder.
 */
class ConvEncoderTest {
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestBackend.openFloat64();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    /** z ~ N(0, I_2), x ~ N(z W reshaped to [side, side, 1], 1): an image model of any size. */
    private static GenerativeModel imageModel(int side) {
        return t -> {
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 2)), 1.0));
            Tensor w = t.param("w", Shape.of(2, side * side), Initializer.normal(0.1));
            t.observe("x", Normal.of(z.matmul(w).reshape(t.batchSize(), side, side, 1), 1.0));
        };
    }

    private int prefixes;

    private ModelStructure structure(GenerativeModel model) {
        return ModelStructure.inspect(model, new Parameters(workspace, SeedStream.root(1), "model" + prefixes++ + "/"));
    }

    private static GuideOptions small(Encoder encoder) {
        return new GuideOptions(6, 1, Activation.TANH, encoder, List.of(4, 8));
    }

    /** The guide's parameter shapes, from a trace on zero images. */
    private Map<String, Shape> guideParameters(DefaultGuide guide, ModelStructure model) {
        return Guides.check(guide, model, new Parameters(workspace, SeedStream.root(2), "guide" + prefixes++ + "/"))
                .parameters();
    }

    @Test
    void imagesOf32By32AreReadByTheConvEncoder() {
        ModelStructure model = structure(new DeconvDecoderModel(3, List.of(2, 2, 2), Likelihood.GAUSSIAN, 0, true));
        DefaultGuide guide = DefaultGuide.of(model, small(Encoder.AUTO));
        assertThat(guide.convolutional()).isTrue();
        assertThat(guide).hasToString("default guide (conv [4, 8] relu, 1x6 tanh)");
        // 32 -> 16 -> 8: the MLP reads 8 * 8 * 8 conv features.
        assertThat(guideParameters(guide, model)).containsEntry("conv/w0", Shape.of(4, 4, 1, 4))
                .containsEntry("conv/b0", Shape.of(4)).containsEntry("conv/w1", Shape.of(4, 4, 4, 8))
                .containsEntry("conv/b1", Shape.of(8)).containsEntry("mlp/w0", Shape.of(8 * 8 * 8, 6))
                .containsEntry("site/z/loc/w", Shape.of(6, 3));
        assertProposesLatentsOfTheirShape(guide, model, 32, 3);
    }

    @Test
    void imagesOf28By28AreReadByTheConvEncoder() {
        ModelStructure model = structure(imageModel(28));
        DefaultGuide guide = DefaultGuide.of(model, small(Encoder.CONV));
        assertThat(guide.convolutional()).isTrue();
        // 28 -> 14 -> 7 with SAME padding: the MLP reads 7 * 7 * 8 conv features.
        assertThat(guideParameters(guide, model)).containsEntry("conv/w1", Shape.of(4, 4, 4, 8))
                .containsEntry("mlp/w0", Shape.of(7 * 7 * 8, 6));
        assertProposesLatentsOfTheirShape(guide, model, 28, 2);
        GuideOptions noMlp = new GuideOptions(6, 0, Activation.TANH, Encoder.AUTO, List.of(5));
        assertThat(guideParameters(DefaultGuide.of(model, noMlp), model)).as("heads straight on the conv features")
                .containsEntry("site/z/loc/w", Shape.of(14 * 14 * 5, 2)).doesNotContainKey("mlp/w0");
    }

    @Test
    void theMlpIsKeptForVectorsAndCanBeChosenForImages() {
        ModelStructure vectors = structure(t -> {
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 2)), 1.0));
            t.observe("x", Normal.of(z.matmul(t.param("w", Shape.of(2, 5), Initializer.normal(0.1))), 1.0));
        });
        DefaultGuide auto = DefaultGuide.of(vectors, small(Encoder.AUTO));
        assertThat(auto.convolutional()).isFalse();
        assertThat(auto).hasToString("default guide (1x6 tanh)");
        assertThat(guideParameters(auto, vectors)).containsEntry("mlp/w0", Shape.of(5, 6)).doesNotContainKey("conv/w0");
        ModelStructure images = structure(imageModel(28));
        DefaultGuide mlp = DefaultGuide.of(images, small(Encoder.MLP));
        assertThat(mlp.convolutional()).isFalse();
        assertThat(guideParameters(mlp, images)).containsEntry("mlp/w0", Shape.of(28 * 28, 6))
                .doesNotContainKey("conv/w0");
    }

    @Test
    void theConvEncoderOnVectorDataIsAOneLineConfigurationError() {
        ModelStructure vectors = structure(t -> {
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 2)), 1.0));
            t.observe("x", Normal.of(z.matmul(t.param("w", Shape.of(2, 784), Initializer.normal(0.1))), 1.0));
        });
        String message = "guideEncoder: got 'conv', expected auto or mlp: the conv encoder needs image data of shape"
                + " [H, W, C], but the observed site 'x' has shape [784]";
        assertThatThrownBy(() -> DefaultGuide.of(vectors, small(Encoder.CONV))).isInstanceOf(ConfigException.class)
                .hasMessage(message);
        VaeOptions d = VaeOptions.defaults();
        VaeOptions conv = new VaeOptions(1, true, d.guideHidden(), d.guideLayers(), d.guideActivation(), Encoder.CONV,
                d.guideConvChannels(), d.guideFitSteps(), d.guideFitLearningRate());
        GenerativeModel model = t -> {
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 2)), 1.0));
            t.observe("x", Normal.of(z.matmul(t.param("w", Shape.of(2, 784), Initializer.normal(0.1))), 1.0));
        };
        LearnerContext c = new StandardLearnerContext(workspace, model, SeedStream.root(3), new TestAdam(1e-3), null,
                Shape.of(784), 4, 100, 0);
        assertThatThrownBy(() -> new VaeLearner(conv).start(c)).isInstanceOf(ConfigException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> new GuideOptions(6, 1, Activation.TANH, Encoder.CONV, List.of(4, 0)))
                .isInstanceOf(ConfigException.class).hasMessage("guideConvChannels: got [4, 0], expected one or more"
                        + " channel counts >= 1, e.g. [32, 64, 128]");
        assertThatThrownBy(() -> new GuideOptions(6, 1, Activation.TANH, null, List.of(4)))
                .isInstanceOf(ConfigException.class).hasMessage("guideEncoder: got null, expected one of auto, mlp,"
                        + " conv");
    }

    @Test
    void aVaeWithTheConvEncoderTrainsASmallDeconvDecoder() {
        DeconvDecoderModel model = new DeconvDecoderModel(2, List.of(4, 4, 4), Likelihood.BERNOULLI, 0, true);
        int batch = 8;
        LearnerContext c = new StandardLearnerContext(workspace, model, SeedStream.root(4), new TestAdam(0.02), null,
                DeconvDecoderModel.imageShape(), batch, 1000, 0);
        VaeOptions d = VaeOptions.defaults();
        VaeOptions options = new VaeOptions(1, true, 16, 1, Activation.TANH, Encoder.AUTO, List.of(4, 8),
                d.guideFitSteps(), d.guideFitLearningRate());
        HostArray images = bars(batch);
        List<Double> losses = new ArrayList<>();
        try (LearnerSession session = new VaeLearner(options).start(c)) {
            assertThat(c.parameters("guide").variables()).containsKeys("conv/w0", "conv/w1", "mlp/w0");
            for (int step = 0; step < 100; step++) {
                StepResult r = session.step(images, step);
                assertThat(r.finite()).as("step %d: %s", step, r).isTrue();
                losses.add(r.loss());
            }
        }
        double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(90, 100).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        // 1024 Bernoulli(1/2) pixels cost 710 nats; the best decoder that ignores z (each pixel at its frequency in
        // the batch, 5/32 on) costs 444.
        assertThat(first).as("initial negative ELBO").isGreaterThan(600);
        assertThat(last).as("negative ELBO after 100 steps (first: %s)", first).isLessThan(first * 0.7);
    }

    /** Binary 32×32 images of one bright horizontal or vertical bar, alternating, at shifting positions. */
    private static HostArray bars(int count) {
        double[] v = new double[count * 32 * 32];
        for (int e = 0; e < count; e++) {
            int at = 4 + 3 * e;
            for (int i = 0; i < 32; i++) {
                for (int j = 0; j < 32; j++) {
                    boolean on = e % 2 == 0 ? Math.abs(i - at) < 3 : Math.abs(j - at) < 3;
                    v[(e * 32 + i) * 32 + j] = on ? 1 : 0;
                }
            }
        }
        return HostArray.of(Shape.of(count, 32, 32, 1), v);
    }

    /** Runs the guide on random images and checks that it proposes finite latents of the model's shape. */
    private void assertProposesLatentsOfTheirShape(DefaultGuide guide, ModelStructure model, int side, int latent) {
        Parameters p = new Parameters(workspace, SeedStream.root(5), "guide-run/");
        int n = 3;
        CompiledFunction run = workspace.compile("guide-run-" + side, List.of(TensorSpec.of(DType.FLOAT64, n, side,
                side, 1), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    TraceResult r = Traces.sample(t -> guide.run(t, in.get(0)), ops, p, n, in.get(1));
                    return List.of(r.site("z").value(), r.site("z").logProb());
                });
        double[] pixels = new java.util.SplittableRandom(6).doubles(n * side * side, -1, 1).toArray();
        List<DeviceArray> out = run.call(HostArray.of(Shape.of(n, side, side, 1), pixels),
                SeedStream.root(7).statelessSeed(0));
        try {
            HostArray z = out.get(0).toHost();
            assertThat(z.shape()).isEqualTo(Shape.of(n, latent));
            assertThat(z.allFinite()).isTrue();
            assertThat(out.get(1).toHost().allFinite()).as("log q(z | x)").isTrue();
            assertThat(model.latentSites().get(0).eventShape()).isEqualTo(Shape.of(latent));
        } finally {
            out.forEach(DeviceArray::close);
        }
    }
}
