package org.alws.core.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.ArrayDataset;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Uniform;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * The pixel-flip noise (frequency, determinism, the untouched case, its errors) and the denoising experiment on a
 * one-latent factorisation of 40 binary pixels, where the MAP latent of a noisy image recovers the clean image far
 * better than the noisy image itself does.
 */
class DenoisingTest {
    private static final int PIXELS = 40;
    private static final double WEIGHT = 20.0;

    @Test
    void flipsHappenAtTheirProbabilityAndAreSeeded() {
        int n = 200_000;
        HostArray zeros = HostArray.zeros(Shape.of(n / 100, 100), DType.FLOAT32);
        HostArray flipped = PixelFlips.apply(zeros, 0.1, new SplittableRandom(5));
        assertThat(flipped.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(flipped.shape()).isEqualTo(zeros.shape());
        double ones = 0;
        for (double v : flipped.doubles()) {
            assertThat(v).isIn(0.0, 1.0);
            ones += v;
        }
        assertThat(ones / n).isCloseTo(0.1, within(5 * Math.sqrt(0.1 * 0.9 / n)));
        assertThat(PixelFlips.apply(zeros, 0.1, new SplittableRandom(5))).isEqualTo(flipped);
        assertThat(PixelFlips.apply(zeros, 0.1, new SplittableRandom(6))).isNotEqualTo(flipped);
        HostArray image = HostArray.ofFloats(Shape.of(1, 4), new float[] {0, 1, 1, 0});
        assertThat(PixelFlips.apply(image, 0.0, new SplittableRandom(1))).isEqualTo(image);
        // Flipping twice with the same draws restores the image.
        HostArray once = PixelFlips.apply(image, 0.5, new SplittableRandom(3));
        assertThat(PixelFlips.apply(once, 0.5, new SplittableRandom(3))).isEqualTo(image);
    }

    @Test
    void badFlipProbabilitiesAndNonBinaryImagesAreOneLineErrors() {
        HostArray image = HostArray.ofFloats(Shape.of(2, 3), new float[] {0, 1, 1, 0, 0.5f, 1});
        assertThatThrownBy(() -> PixelFlips.apply(image, 1.0, new SplittableRandom(1)))
                .isInstanceOf(ConfigException.class).hasMessage("flip: got 1.0, expected a probability in [0, 1)");
        assertThatThrownBy(() -> PixelFlips.apply(image, -0.1, new SplittableRandom(1)))
                .isInstanceOf(ConfigException.class).hasMessage("flip: got -0.1, expected a probability in [0, 1)");
        assertThatThrownBy(() -> PixelFlips.apply(image, 0.1, new SplittableRandom(1)))
                .isInstanceOf(DataException.class)
                .hasMessage("pixel flips need binary images (pixels 0 or 1): image 1 has pixel 1 = 0.5");
        assertThatThrownBy(() -> new DenoisingOptions(0, 0.1, 0, MapOptions.defaults()))
                .isInstanceOf(ConfigException.class).hasMessage("images: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new DenoisingOptions(10, Double.NaN, 0, MapOptions.defaults()))
                .isInstanceOf(ConfigException.class).hasMessage("flip: got NaN, expected a probability in [0, 1)");
        assertThatThrownBy(() -> Denoising.firstImages(new ArrayDataset(image), 3, "run r"))
                .isInstanceOf(DataException.class).hasMessage("run r has 2 test images; 3 were asked for");
    }

    /** z ~ U(0, 1), x_d ~ Bernoulli(sigmoid(20 logit z)) for 40 pixels. */
    private static final GenerativeModel ONE_LATENT = t -> {
        Tensor w = t.param("w", Shape.of(1, PIXELS), Initializer.constant(WEIGHT));
        Shape s = Shape.of(t.batchSize(), 1);
        Tensor z = t.sample("z", Uniform.of(t.ops().zeros(s), t.ops().ones(s)));
        t.observe("x", Bernoulli.ofLogits(z.log().sub(z.neg().log1p()).matmul(w)));
    };

    private static HostArray draw(int count, SplittableRandom random) {
        float[] x = new float[count * PIXELS];
        for (int n = 0; n < count; n++) {
            double z = random.nextDouble(1e-9, 1 - 1e-9);
            double p = 1 / (1 + Math.exp(-WEIGHT * Math.log(z / (1 - z))));
            for (int d = 0; d < PIXELS; d++) {
                x[n * PIXELS + d] = random.nextDouble() < p ? 1f : 0f;
            }
        }
        return HostArray.ofFloats(Shape.of(count, PIXELS), x);
    }

    @Test
    void denoisingRecoversTheCleanImagesBetterThanTheNoisyOnes() {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
            HostArray clean = Denoising.firstImages(new ArrayDataset(draw(300, new SplittableRandom(4))), 200,
                    "test");
            DenoisingOptions o = new DenoisingOptions(200, 0.1, 7, new MapOptions(300, 0.05, 1000));
            DenoisingResult r = Denoising.run(new MapEstimator(ws, ONE_LATENT, p, o.map()), clean, o);
            assertThat(r.clean()).isEqualTo(clean);
            assertThat(r.noisy()).isEqualTo(Denoising.noisy(clean, o));
            double flipped = r.noise().mean();
            double[] noisyPixels = r.noisy().doubles();
            double[] cleanPixels = clean.doubles();
            long differ = 0;
            for (int i = 0; i < noisyPixels.length; i++) {
                differ += noisyPixels[i] != cleanPixels[i] ? 1 : 0;
            }
            assertThat(flipped).as("MSE of binary noisy images = fraction of flipped pixels")
                    .isCloseTo((double) differ / noisyPixels.length, within(1e-12));
            assertThat(flipped).as("fraction of flipped pixels").isCloseTo(0.1,
                    within(5 * Math.sqrt(0.1 * 0.9 / (200.0 * PIXELS))));
            double[] rec = r.reconstructed().doubles();
            double[] den = r.denoised().doubles();
            double[] x = clean.doubles();
            for (int n = 0; n < 200; n++) {
                double sr = 0;
                double sd = 0;
                for (int d = 0; d < PIXELS; d++) {
                    sr += Math.pow(rec[n * PIXELS + d] - x[n * PIXELS + d], 2) / PIXELS;
                    sd += Math.pow(den[n * PIXELS + d] - x[n * PIXELS + d], 2) / PIXELS;
                }
                assertThat(r.reconstructionMse()[n]).isCloseTo(sr, within(1e-12));
                assertThat(r.denoisingMse()[n]).isCloseTo(sd, within(1e-12));
            }
            DenoisingResult.Summary denoising = r.denoising();
            assertThat(denoising.mean()).as("denoising MSE against the noisy images' %s", flipped)
                    .isLessThan(0.5 * flipped);
            assertThat(r.reconstruction().mean()).as("reconstruction MSE").isLessThan(denoising.mean());
            assertThat(denoising.standardError()).isPositive().isLessThan(denoising.mean());
        }
    }

    @Test
    void summaryIsTheMeanAndItsStandardError() {
        DenoisingResult.Summary s = DenoisingResult.Summary.of(new double[] {1, 2, 3, 6});
        assertThat(s.mean()).isEqualTo(3.0);
        // Sample variance 14/3; standard error sqrt(14/3/4).
        assertThat(s.standardError()).isCloseTo(Math.sqrt(14.0 / 12), within(1e-15));
        assertThat(DenoisingResult.Summary.of(new double[] {0.5}).standardError()).isZero();
    }
}
