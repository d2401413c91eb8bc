package org.alws.models.gradient;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Synthetic data of the gradient-estimation model, drawn on the host at a true b and σ_x: examples of shape [1],
 * FLOAT64. The training set comes from {@code seeds.child("train")} and the test set from {@code seeds.child("test")},
 * so each is a pure function of the run's data seed.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class GradientEstimationDataProvider
        implements DatasetProvider<GradientEstimationDataProvider.Options> {

    /**
     * Options of the synthetic gradient-estimation data.
     *
     * @param b the true parameter the data are drawn at
     * @param sigmaX the true observation noise standard deviation
     * @param trainSize number of training examples
     * @param testSize number of test examples
     */
    public record Options(
            @Doc("True parameter b the data are drawn at, two numbers") double[] b,
            @Doc("True observation noise standard deviation sigma_x, > 0") double sigmaX,
            @Doc("Number of training examples, >= 1") int trainSize,
            @Doc("Number of test examples, >= 1") int testSize) {
        /** Validates and copies. */
        public Options {
            b = Check.finiteVector("b", b, 2);
            Check.positive("sigmaX", sigmaX);
            Check.atLeast("trainSize", trainSize, 1);
            Check.atLeast("testSize", testSize, 1);
        }

        @Override
        public double[] b() {
            return b.clone();
        }
    }

    /** The default model and data set: the gradient-estimation experiment is the framework's main job. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public String name() {
        return "gradient-estimation";
    }

    @Override
    public String description() {
        return "Synthetic scalar data from the gradient-estimation model at a true b and sigma_x";
    }

    @Override
    public Options defaultOptions() {
        return new Options(new double[] {1.0, 0.5}, 0.5, 5000, 1000);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        GradientEstimationSampler sampler = new GradientEstimationSampler(options.b(), options.sigmaX());
        double[] train = sampler.observations(options.trainSize(), seeds.child("train").random(0));
        double[] test = sampler.observations(options.testSize(), seeds.child("test").random(0));
        return new DataSplits(new ArrayDataset(HostArray.of(Shape.of(train.length, 1), train)),
                new ArrayDataset(HostArray.of(Shape.of(test.length, 1), test)));
    }
}
