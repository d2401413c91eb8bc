package org.alws.examples.ppca;

import com.google.auto.service.AutoService;
import java.util.SplittableRandom;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;

/**
 * Synthetic probabilistic-PCA data: a ground truth W (k×D, entries N(0, 1)) and μ (entries N(0, 1)) drawn from
 * {@code seeds.child("truth")}, then training and test sets drawn from the model with noise σ from
 * {@code seeds.child("train")} and {@code seeds.child("test")}. FLOAT64, examples of shape [D].
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class PpcaDataProvider implements DatasetProvider<PpcaDataProvider.Options> {

    /**
     * Options of the synthetic data.
     *
     * @param dim the data dimension D
     * @param latent the latent dimension k of the generator
     * @param noiseStd the generator's noise standard deviation σ
     * @param trainSize number of training examples
     * @param testSize number of test examples
     */
    public record Options(
            @Doc("Data dimension D, >= 1") int dim,
            @Doc("Latent dimension k of the generator, >= 1") int latent,
            @Doc("Noise standard deviation sigma of the generator, > 0") double noiseStd,
            @Doc("Number of training examples, >= 1") int trainSize,
            @Doc("Number of test examples, >= 1") int testSize) {
        /** Validates. */
        public Options {
            Check.atLeast("dim", dim, 1);
            Check.atLeast("latent", latent, 1);
            Check.positive("noiseStd", noiseStd);
            Check.atLeast("trainSize", trainSize, 1);
            Check.atLeast("testSize", testSize, 1);
        }
    }

    @Override
    public String name() {
        return "ppca-synthetic";
    }

    @Override
    public String description() {
        return "Synthetic data from a random probabilistic-PCA generator (W, mu ~ N(0, 1) entries)";
    }

    @Override
    public Options defaultOptions() {
        return new Options(10, 2, 0.5, 5000, 1000);
    }

    /** The generating parameters for these options and data seeds (what {@link #load} draws the data from). */
    public static PpcaParameters groundTruth(Options options, SeedStream seeds) {
        SplittableRandom random = seeds.child("truth").random(0);
        int k = options.latent();
        int d = options.dim();
        double[] w = new double[k * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        double[] mu = new double[d];
        for (int i = 0; i < d; i++) {
            mu[i] = random.nextGaussian();
        }
        return new PpcaParameters(k, d, w, mu, Math.log(options.noiseStd()));
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        PpcaParameters truth = groundTruth(options, seeds);
        return new DataSplits(
                new ArrayDataset(truth.sample(options.trainSize(), seeds.child("train").random(0))),
                new ArrayDataset(truth.sample(options.testSize(), seeds.child("test").random(0))));
    }
}
