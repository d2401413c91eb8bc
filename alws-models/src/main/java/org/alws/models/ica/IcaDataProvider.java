package org.alws.models.ica;

import com.google.auto.service.AutoService;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.model.DrawsFigures;
import org.alws.api.model.FigureContext;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Synthetic ICA data: x = A s + ε with k independent Laplace(0, 1) sources s, a random D × k mixing matrix A and
 * Gaussian noise ε ~ N(0, noise² I). A has independent N(0, 1) entries with each column then scaled to unit length
 * (so every source contributes equally and each x_d has variance about 2k/D + noise²); it is drawn from the data
 * stream's child {@code mixing} and is {@link #mixingMatrix recomputable} from the run's seed. Examples are FLOAT64
 * of shape [D]; the training and test sets are drawn from the children {@code train} and {@code test}.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class IcaDataProvider implements DatasetProvider<IcaDataProvider.Options>, DrawsFigures {

    /**
     * Options of the synthetic ICA data.
     *
     * @param sources k, the number of Laplace sources
     * @param dimension D, the data dimension (at least k, so that A can be recovered)
     * @param noise the standard deviation of the Gaussian noise
     * @param trainSize number of training examples
     * @param testSize number of test examples
     */
    public record Options(
            @Doc("k, the number of Laplace sources, >= 1") int sources,
            @Doc("D, the data dimension, >= sources") int dimension,
            @Doc("Standard deviation of the Gaussian noise added to A s, >= 0") double noise,
            @Doc("Number of training examples, >= 1") int trainSize,
            @Doc("Number of test examples, >= 1") int testSize) {
        /** Validates. */
        public Options {
            Check.atLeast("sources", sources, 1);
            if (dimension < sources) {
                throw new ConfigException("dimension", dimension, "at least as many dimensions as sources ("
                        + sources + "), so that the mixing can be recovered");
            }
            Check.nonNegative("noise", noise);
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
        return "ica";
    }

    @Override
    public String description() {
        return "Synthetic ICA data: k Laplace sources mixed by a seeded random D x k matrix A, plus Gaussian noise";
    }

    /** k = 8 sources in D = 16 dimensions, noise 0.1, 10,000 training and 1,000 test examples. */
    @Override
    public Options defaultOptions() {
        return new Options(8, 16, 0.1, 10_000, 1_000);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        double[][] a = mixingMatrix(options, seeds);
        HostArray train = generate(a, options.noise(), options.trainSize(), seeds.child("train").random(0));
        HostArray test = generate(a, options.noise(), options.testSize(), seeds.child("test").random(0));
        return new DataSplits(new ArrayDataset(train), new ArrayDataset(test));
    }

    /** The mixing matrix A (D rows, k columns of unit length) of the data drawn with {@code seeds}. */
    public static double[][] mixingMatrix(Options options, SeedStream seeds) {
        SplittableRandom random = seeds.child("mixing").random(0);
        int d = options.dimension();
        int k = options.sources();
        double[][] a = new double[d][k];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                a[i][j] = gaussian(random);
            }
        }
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += a[i][j] * a[i][j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                a[i][j] /= norm;
            }
        }
        return a;
    }

    /** {@code count} draws of A s + noise ε, FLOAT64 [count, D]. */
    public static HostArray generate(double[][] a, double noise, int count, SplittableRandom random) {
        int d = a.length;
        int k = a[0].length;
        double[] x = new double[count * d];
        double[] s = new double[k];
        for (int n = 0; n < count; n++) {
            for (int j = 0; j < k; j++) {
                s[j] = laplace(random);
            }
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int j = 0; j < k; j++) {
                    v += a[i][j] * s[j];
                }
                x[n * d + i] = v + noise * gaussian(random);
            }
        }
        return HostArray.of(Shape.of(count, d), x);
    }

    /** A Laplace(0, 1) draw by inverting the CDF at a uniform on the open interval (−1/2, 1/2). */
    private static double laplace(SplittableRandom random) {
        double u = ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53 - 0.5;
        return -Math.signum(u) * Math.log1p(-2 * Math.abs(u));
    }

    /** A standard normal draw (Box–Muller on two open-interval uniforms). */
    private static double gaussian(SplittableRandom random) {
        double u = ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * For a model with ICA filters (a parameter {@value IcaModel#WEIGHTS} of shape [k, D]), draws the learned filters
     * next to the true mixing matrix of these data ({@link IcaReport}); nothing for other models.
     */
    @Override
    public void drawFigures(FigureContext context) {
        HostArray w = context.parameters().values().get(IcaModel.WEIGHTS);
        Options options = (Options) context.dataOptions();
        if (w != null && w.shape().rank() == 2 && w.shape().dim(0) == options.sources()
                && w.shape().dim(1) == options.dimension()) {
            IcaReport.write(context.directory(), AmariIndex.mixingOf(w), mixingMatrix(options, context.dataSeeds()));
        }
    }
}
