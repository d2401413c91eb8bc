package org.alws.models.ring;

import com.google.auto.service.AutoService;
import java.util.SplittableRandom;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;

/**
 * 16×16 Gabor patches ({@link GaborPatch}) with orientations θ ~ U[0, π), centred, at the reference's settings by
 * default: wavelength λ = 1 and envelope width s = 0.3 in units where the image spans [−1, 1] (so about two cycles
 * across the patch, 7.5 pixels each), aspect ratio γ = 0.8, phase φ = 0 (an even, cosine patch), no noise.
 * {@code noiseStd} adds independent N(0, noiseStd²) to every pixel. Examples are FLOAT32 images [16, 16, 1] (channels
 * last); the training set is drawn from {@code seeds.child("train")} and the test set from
 * {@code seeds.child("test")}: each example takes one uniform (its orientation) and, with noise, 256 normals, so the
 * data are a pure function of the run's data seed.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class GaborDataProvider implements DatasetProvider<GaborDataProvider.Options> {

    /**
     * Options of the Gabor patches.
     *
     * @param wavelength λ, the carrier's wavelength in the image's units (the image is 2 wide)
     * @param envelopeWidth s, the Gaussian envelope's standard deviation across the stripes
     * @param aspectRatio γ, the envelope's width across the stripes over its length along them
     * @param phase φ, the carrier's phase at the centre, in radians
     * @param noiseStd standard deviation of the Gaussian noise added to each pixel
     * @param trainSize number of training images
     * @param testSize number of test images
     */
    public record Options(
            @Doc("Carrier wavelength in image units (the image spans [-1, 1]), > 0") double wavelength,
            @Doc("Gaussian envelope's standard deviation across the stripes, in image units, > 0")
            double envelopeWidth,
            @Doc("Envelope's width across the stripes over its length along them, > 0") double aspectRatio,
            @Doc("Carrier phase at the centre in radians (0: even, cosine patch)") double phase,
            @Doc("Standard deviation of Gaussian pixel noise, >= 0") double noiseStd,
            @Doc("Number of training images, >= 1") int trainSize,
            @Doc("Number of test images, >= 1") int testSize) {
        /** Validates. */
        public Options {
            Check.positive("wavelength", wavelength);
            Check.positive("envelopeWidth", envelopeWidth);
            Check.positive("aspectRatio", aspectRatio);
            Check.finite("phase", phase);
            Check.nonNegative("noiseStd", noiseStd);
            Check.atLeast("trainSize", trainSize, 1);
            Check.atLeast("testSize", testSize, 1);
        }

        /** The patch these options draw. */
        public GaborPatch patch() {
            return new GaborPatch(GaborRingModel.IMAGE_SIZE, wavelength, envelopeWidth, aspectRatio, phase);
        }
    }

    /** Below the default data set's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "gabor-ring";
    }

    @Override
    public String description() {
        return "16x16 Gabor patches with orientations uniform on [0, pi) (wavelength 1, envelope 0.3, aspect 0.8, "
                + "phase 0 in image units [-1, 1])";
    }

    @Override
    public Options defaultOptions() {
        return new Options(1.0, 0.3, 0.8, 0.0, 0.0, 10_000, 1_000);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        return new DataSplits(new ArrayDataset(draw(options, options.trainSize(), seeds.child("train").random(0))),
                new ArrayDataset(draw(options, options.testSize(), seeds.child("test").random(0))));
    }

    /** {@code n} patches of uniform orientation, FLOAT32 [n, 16, 16, 1]. */
    static HostArray draw(Options options, int n, SplittableRandom random) {
        GaborPatch patch = options.patch();
        int pixels = patch.size() * patch.size();
        double[] out = new double[n * pixels];
        for (int k = 0; k < n; k++) {
            double[] image = patch.render(Math.PI * random.nextDouble());
            for (int p = 0; p < pixels; p++) {
                double noise = options.noiseStd() > 0 ? options.noiseStd() * random.nextGaussian() : 0.0;
                out[k * pixels + p] = image[p] + noise;
            }
        }
        return HostArray.of(GaborRingModel.imageShape().prepend(n), DType.FLOAT32, out);
    }
}
