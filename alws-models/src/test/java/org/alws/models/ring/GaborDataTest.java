package org.alws.models.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The Gabor data: the reference's settings by default, images of the documented formula, orientations whose
 * estimated distribution is uniform on [0, π), and every image a pure function of the seed.
 */
class GaborDataTest {
    private final GaborDataProvider provider = new GaborDataProvider();

    @Test
    void defaultsAreTheReferenceSettings() {
        GaborDataProvider.Options o = provider.defaultOptions();
        assertThat(provider.name()).isEqualTo("gabor-ring");
        assertThat(provider.priority()).isLessThan(10);
        assertThat(o.patch()).isEqualTo(new GaborPatch(16, 1.0, 0.3, 0.8, 0.0));
        assertThat(o.noiseStd()).isZero();
        assertThat(o.trainSize()).isEqualTo(10_000);
        assertThat(o.testSize()).isEqualTo(1_000);
    }

    @Test
    void patchesFollowTheFormula() {
        GaborPatch patch = new GaborPatch(16, 1.0, 0.3, 0.8, 0.4);
        double theta = 0.3;
        double[] image = patch.render(theta);
        int i = 5;
        int j = 11;
        double u = -1 + 2.0 * j / 15;
        double v = -1 + 2.0 * i / 15;
        double across = u * Math.cos(theta) + v * Math.sin(theta);
        double along = -u * Math.sin(theta) + v * Math.cos(theta);
        double expected = Math.exp(-(across * across + 0.64 * along * along) / 0.18)
                * Math.cos(2 * Math.PI * across + 0.4);
        assertThat(image[i * 16 + j]).isCloseTo(expected, within(1e-15));
        // An even patch (phase 0) is the same at θ and θ + π, and symmetric through the centre.
        GaborPatch even = new GaborPatch(16, 1.0, 0.3, 0.8, 0.0);
        double[] a = even.render(1.1);
        double[] b = even.render(1.1 + Math.PI);
        for (int p = 0; p < a.length; p++) {
            assertThat(b[p]).isCloseTo(a[p], within(1e-12));
            assertThat(a[a.length - 1 - p]).isCloseTo(a[p], within(1e-12));
            assertThat(Math.abs(a[p])).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void orientationsAreUniformAndImagesAreSeeded() {
        GaborDataProvider.Options o = new GaborDataProvider.Options(1.0, 0.3, 0.8, 0.0, 0.0, 2000, 1000);
        DataSplits a = provider.load(o, SeedStream.root(4).child("dataset"));
        HostArray test = a.test().all();
        assertThat(test.shape()).isEqualTo(Shape.of(1000, 16, 16, 1));
        assertThat(test.dtype()).isEqualTo(DType.FLOAT32);
        double ks = KolmogorovSmirnov.againstUniform(StructureTensor.orientations(test.doubles(), 1000, 16, 16), 0,
                Math.PI);
        assertThat(ks).as("KS of the test images' orientations").isLessThan(KolmogorovSmirnov.criticalValue05(1000));
        assertThat(provider.load(o, SeedStream.root(4).child("dataset")).train().all())
                .isEqualTo(a.train().all());
        assertThat(provider.load(o, SeedStream.root(5).child("dataset")).train().all())
                .isNotEqualTo(a.train().all());
        assertThat(a.train().all().rows(0, 1000)).isNotEqualTo(test);
    }

    @Test
    void eachExampleIsOneUniformOrientationThenItsPixelNoise() {
        GaborDataProvider.Options noisy = new GaborDataProvider.Options(1.0, 0.3, 0.8, 0.0, 0.2, 1, 50);
        double[] images = GaborDataProvider.draw(noisy, 50, new SplittableRandom(9)).doubles();
        SplittableRandom replay = new SplittableRandom(9);
        double sumSquares = 0;
        for (int k = 0; k < 50; k++) {
            double[] patch = noisy.patch().render(Math.PI * replay.nextDouble());
            for (int p = 0; p < 256; p++) {
                double noise = 0.2 * replay.nextGaussian();
                assertThat(images[k * 256 + p]).isEqualTo((float) (patch[p] + noise));
                sumSquares += noise * noise;
            }
        }
        assertThat(Math.sqrt(sumSquares / (50 * 256))).isCloseTo(0.2, within(0.01));
    }

    @Test
    void badOptionsNameTheField() {
        assertThatThrownBy(() -> new GaborDataProvider.Options(0, 0.3, 0.8, 0, 0, 1, 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("wavelength: got 0.0");
        assertThatThrownBy(() -> new GaborDataProvider.Options(1, -0.3, 0.8, 0, 0, 1, 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("envelopeWidth: got -0.3");
        assertThatThrownBy(() -> new GaborDataProvider.Options(1, 0.3, 0.8, 0, -1, 1, 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("noiseStd: got -1.0");
        assertThatThrownBy(() -> new GaborDataProvider.Options(1, 0.3, 0.8, 0, 0, 0, 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("trainSize: got 0");
    }
}
