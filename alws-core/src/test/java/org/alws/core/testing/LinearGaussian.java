package org.alws.core.testing;

import java.util.SplittableRandom;
import org.alws.api.config.Check;
import org.alws.api.config.NoOptions;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Plugins around the contract's linear-Gaussian model ({@link org.alws.api.contract.LinearGaussian}: x ~ N(b, w² +
 * s²)) for core's training tests: the model starting from w = 0.5, b = 0, s = 1, and data x ~ N(1, sd²).
 */
public final class LinearGaussian {
    private LinearGaussian() {
    }

    /** The model plugin {@code linear-gaussian}. */
    public static final class Provider implements ModelProvider<NoOptions> {
        @Override
        public String name() {
            return "linear-gaussian";
        }

        @Override
        public String description() {
            return "test model x = w z + b + s eps";
        }

        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }

        @Override
        public GenerativeModel create(NoOptions options) {
            return new org.alws.api.contract.LinearGaussian(0.5, 0.0, 1.0);
        }
    }

    /**
     * Options of the synthetic data.
     *
     * @param size training examples
     * @param sd the marginal standard deviation of x (its mean is 1)
     */
    public record DataOptions(int size, double sd) {
        public DataOptions {
            Check.atLeast("size", size, 1);
            Check.positive("sd", sd);
        }
    }

    /** The data set plugin {@code linear-gaussian}: x ~ N(1, sd²). */
    public static final class Data implements DatasetProvider<DataOptions> {
        @Override
        public String name() {
            return "linear-gaussian";
        }

        @Override
        public String description() {
            return "x ~ N(1, sd²)";
        }

        @Override
        public DataOptions defaultOptions() {
            return new DataOptions(2000, 2.0);
        }

        @Override
        public DataSplits load(DataOptions o, SeedStream seeds) {
            return new DataSplits(sample(o.size(), o.sd(), seeds.random(0)), sample(500, o.sd(), seeds.random(1)));
        }

        private static ArrayDataset sample(int n, double sd, SplittableRandom r) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double u1 = 1 - r.nextDouble();
                double u2 = r.nextDouble();
                x[i] = 1 + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
            return new ArrayDataset(HostArray.of(Shape.of(n, 1), x));
        }
    }
}
