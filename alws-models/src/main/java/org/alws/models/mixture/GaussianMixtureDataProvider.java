package org.alws.models.mixture;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;

/**
 * Synthetic 2-D data from a fixed Gaussian mixture, the {@link #groundTruth true generator}: K components (default
 * 5) with, for k = 0..K−1 and t_k = k/(K−1) (0 when K = 1),
 *
 * <ul>
 *   <li>weight π_k = (k + 1) / (K(K + 1)/2) (unequal: 1/15, 2/15, ..., 5/15 for K = 5);
 *   <li>mean μ_k = r (cos 2πk/K, sin 2πk/K), on a circle of radius r (default 4);
 *   <li>standard deviations σ_k = (0.3 + 0.3 t_k, 0.6 − 0.3 t_k) along the two axes (unequal and anisotropic).
 * </ul>
 *
 * With the defaults neighbouring means are 4.7 apart, at least 7.8 standard deviations: the components are well
 * separated. Examples are FLOAT64 of shape [2]; the training set is drawn from {@code seeds.child("train")} and the
 * test set from {@code seeds.child("test")}, so each is a pure function of the run's data seed.
 *
 * <p>The generator's own held-out log-likelihood, the reference a trained model is compared with, is
 * {@code GaussianMixtureDataProvider.groundTruth(options).meanLogLikelihood(test)} (or per point
 * {@link #trueLogLikelihood}); {@code groundTruth(options).toMap()} gives the generator as parameters of a
 * {@code gaussian-mixture} model with K components and D = 2.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class GaussianMixtureDataProvider implements DatasetProvider<GaussianMixtureDataProvider.Options> {
    /** The data dimension of the generator. */
    public static final int DIMENSION = 2;

    /**
     * Options of the synthetic mixture data.
     *
     * @param components the number of components K of the generator
     * @param radius the radius of the circle the means lie on
     * @param trainSize number of training examples
     * @param testSize number of test examples
     */
    public record Options(
            @Doc("Number of components K of the true generator, >= 1") int components,
            @Doc("Radius of the circle the true means lie on, > 0") double radius,
            @Doc("Number of training examples, >= 1") int trainSize,
            @Doc("Number of test examples, >= 1") int testSize) {
        /** Validates. */
        public Options {
            Check.atLeast("components", components, 1);
            Check.positive("radius", radius);
            Check.atLeast("trainSize", trainSize, 1);
            Check.atLeast("testSize", testSize, 1);
        }
    }

    /** Below the default data set's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "gaussian-mixture";
    }

    @Override
    public String description() {
        return "Synthetic 2-D Gaussian mixture: K components on a circle with unequal weights and scales";
    }

    @Override
    public Options defaultOptions() {
        return new Options(5, 4.0, 5000, 1000);
    }

    /** The true generator for these options (deterministic: the seeds only draw the data from it). */
    public static GaussianMixtureParameters groundTruth(Options options) {
        int k = options.components();
        double[] weights = new double[k];
        double[] means = new double[k * DIMENSION];
        double[] scales = new double[k * DIMENSION];
        for (int j = 0; j < k; j++) {
            double t = k == 1 ? 0.0 : (double) j / (k - 1);
            double angle = 2 * Math.PI * j / k;
            weights[j] = (j + 1) / (0.5 * k * (k + 1));
            means[DIMENSION * j] = options.radius() * Math.cos(angle);
            means[DIMENSION * j + 1] = options.radius() * Math.sin(angle);
            scales[DIMENSION * j] = 0.3 + 0.3 * t;
            scales[DIMENSION * j + 1] = 0.6 - 0.3 * t;
        }
        return GaussianMixtureParameters.ofWeights(k, DIMENSION, weights, means, scales);
    }

    /** log p(x_m) under the true generator for every row of {@code data} ([M, 2]). */
    public static double[] trueLogLikelihood(Options options, HostArray data) {
        return groundTruth(options).logLikelihood(data);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        GaussianMixtureParameters truth = groundTruth(options);
        HostArray train = truth.sample(options.trainSize(), seeds.child("train").random(0)).data();
        HostArray test = truth.sample(options.testSize(), seeds.child("test").random(0)).data();
        return new DataSplits(new ArrayDataset(train), new ArrayDataset(test));
    }
}
