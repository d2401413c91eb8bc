package org.alws.models.factor;

import com.google.auto.service.AutoService;
import java.util.SplittableRandom;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Synthetic binary data from a fixed matrix factorisation model, the {@linkplain #generate true generator}: k latents
 * z_j ~ U(0, 1), and pixel d belongs to latent j = d mod k alone, x_d ~ Bernoulli(sigmoid(weight · logit(z_j))) (all
 * biases 0). Each latent thus switches a comb of D/k pixels on or off together, more sharply the larger the weight;
 * the structure is one that {@code matrix-factorisation} with k latents can represent exactly (W ≥ 0). Examples are
 * FLOAT32 of shape [D] in {0, 1}; the training set is drawn from {@code seeds.child("train")} and the test set from
 * {@code seeds.child("test")}, so each is a pure function of the run's data seed.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class MatrixFactorisationDataProvider
        implements DatasetProvider<MatrixFactorisationDataProvider.Options> {

    /**
     * Options of the synthetic data.
     *
     * @param pixels D, pixels per example
     * @param latent k, the true generator's number of latents
     * @param weight the weight of each pixel's latent
     * @param trainSize number of training examples
     * @param testSize number of test examples
     */
    public record Options(
            @Doc("Pixels D per example, >= 1") int pixels,
            @Doc("Latents k of the true generator (pixel d belongs to latent d mod k), >= 1") int latent,
            @Doc("Weight of each pixel's latent in the true generator, > 0") double weight,
            @Doc("Number of training examples, >= 1") int trainSize,
            @Doc("Number of test examples, >= 1") int testSize) {
        /** Validates. */
        public Options {
            Check.atLeast("pixels", pixels, 1);
            Check.atLeast("latent", latent, 1);
            Check.positive("weight", weight);
            Check.atLeast("trainSize", trainSize, 1);
            Check.atLeast("testSize", testSize, 1);
        }
    }

    /** Below the default data set's 10: chosen by name (or by the model's name). */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "matrix-factorisation";
    }

    @Override
    public String description() {
        return "Synthetic binary images from a fixed matrix factorisation: pixel d follows latent d mod k";
    }

    /** D = 784 (the model's default), k = 10, weight 4, 5,000 training and 1,000 test examples. */
    @Override
    public Options defaultOptions() {
        return new Options(784, 10, 4.0, 5000, 1000);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        HostArray train = generate(options, options.trainSize(), seeds.child("train").random(0));
        HostArray test = generate(options, options.testSize(), seeds.child("test").random(0));
        return new DataSplits(new ArrayDataset(train), new ArrayDataset(test));
    }

    /** {@code count} independent draws of the true generator, FLOAT32 [count, D]. */
    public static HostArray generate(Options options, int count, SplittableRandom random) {
        int d = options.pixels();
        int k = options.latent();
        float[] x = new float[count * d];
        double[] logitZ = new double[k];
        for (int n = 0; n < count; n++) {
            for (int j = 0; j < k; j++) {
                double z = openUnit(random);
                logitZ[j] = Math.log(z) - Math.log1p(-z);
            }
            for (int p = 0; p < d; p++) {
                double probability = 1 / (1 + Math.exp(-options.weight() * logitZ[p % k]));
                x[n * d + p] = random.nextDouble() < probability ? 1f : 0f;
            }
        }
        return HostArray.ofFloats(Shape.of(count, d), x);
    }

    /** A uniform draw on the open interval (0, 1). */
    private static double openUnit(SplittableRandom random) {
        return ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }
}
