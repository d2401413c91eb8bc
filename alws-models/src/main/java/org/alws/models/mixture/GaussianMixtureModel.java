package org.alws.models.mixture;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.alws.api.DataException;
import org.alws.api.config.Check;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.InitialisesFromData;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * A Gaussian mixture with a discrete latent: z ~ Categorical(softmax(logits)) over K components, then
 * x | z ~ N(μ_z, diag σ_z²) in D dimensions with σ = exp(logScales). The program:
 *
 * <pre>{@code
 * Tensor logits = t.param("logits", Shape.of(K), Initializer.zeros());                     // [K]
 * Tensor means = t.param("means", Shape.of(K, D), Initializer.normal(initialMeanStd));     // [K, D]
 * Tensor logScales = t.param("logScales", Shape.of(K, D), Initializer.constant(initialLogScale));
 * Tensor z = t.sample("z", Categorical.ofLogits(zeros[n, K] + logits));                  // [n], INT32
 * Tensor onehot = ops.oneHot(z, K, dtype);                                                // [n, K]
 * t.observe("x", Normal.of(onehot.matmul(means), onehot.matmul(logScales).exp()));       // [n, D]
 * }</pre>
 *
 * <p>The means start either at k-means++ picks among the training examples ({@link Seeding#KMEANS_PLUS_PLUS}, the
 * default: K data points chosen by greedy D² sampling, so that well-separated clusters each get a component, then
 * moved to the centroid of the examples nearest each; the log-scales start at those examples' log spread) or at independent N(0, initialMeanStd²) draws ({@link Seeding#RANDOM}, a
 * pure function of the run's seed and the parameter's name, with every log-scale at initialLogScale). Random means
 * may start a component across two clusters, a local maximum of the likelihood that no gradient learner leaves.
 * The logits start at zero (equal weights) either way: the learners have to find the weights.
 *
 * <p>The observation is an elementwise Normal, so ALWS takes its exponential-family path. Exact log p(x) and
 * ∇θ log p(x) are computed on the host in float64 by {@link GaussianMixtureParameters}, for data of shape [M, D].
 */
public final class GaussianMixtureModel implements GenerativeModel, ExactLikelihood, ExactScore, InitialisesFromData {
    /** The latent site: the component, INT32 of shape [n]. */
    public static final String LATENT = "z";
    /** The observed site, of shape [n, D]. */
    public static final String OBSERVED = "x";

    private final int components;
    private final int dimension;
    private final double initialMeanStd;
    private final double initialLogScale;
    private final Seeding seeding;

    /** Where the component means start. */
    public enum Seeding {
        /** At k-means++ picks among the training examples (option value {@code kmeans-plus-plus}). */
        KMEANS_PLUS_PLUS,
        /** At seeded N(0, initialMeanStd²) draws (option value {@code random}). */
        RANDOM
    }

    /** A mixture whose means start at seeded N(0, initialMeanStd²) draws. */
    public GaussianMixtureModel(int components, int dimension, double initialMeanStd, double initialLogScale) {
        this(components, dimension, initialMeanStd, initialLogScale, Seeding.RANDOM);
    }

    /**
     * @param components K, the number of components (&gt;= 1)
     * @param dimension D, the data dimension (&gt;= 1)
     * @param initialMeanStd the standard deviation of the initial means' draws (&gt; 0, so components differ)
     * @param initialLogScale the initial value of every log standard deviation
     * @param seeding where the means start
     * @throws org.alws.api.ConfigException naming the argument that is out of range
     */
    public GaussianMixtureModel(int components, int dimension, double initialMeanStd, double initialLogScale,
            Seeding seeding) {
        this.components = Check.atLeast("components", components, 1);
        this.dimension = Check.atLeast("dimension", dimension, 1);
        this.initialMeanStd = Check.positive("initialMeanStd", initialMeanStd);
        this.initialLogScale = Check.finite("initialLogScale", initialLogScale);
        this.seeding = Objects.requireNonNull(seeding, "seeding");
    }

    /** K. */
    public int components() {
        return components;
    }

    /** D. */
    public int dimension() {
        return dimension;
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        int n = t.batchSize();
        Tensor logits = t.param(GaussianMixtureParameters.LOGITS, Shape.of(components), Initializer.zeros());
        Tensor means = t.param(GaussianMixtureParameters.MEANS, Shape.of(components, dimension),
                Initializer.normal(initialMeanStd));
        Tensor logScales = t.param(GaussianMixtureParameters.LOG_SCALES, Shape.of(components, dimension),
                Initializer.constant(initialLogScale));
        // Broadcast by addition: differentiable on every backend.
        Tensor batchLogits = ops.zeros(Shape.of(n, components)).cast(logits.dtype()).add(logits);
        Tensor z = t.sample(LATENT, Categorical.ofLogits(batchLogits));
        Tensor onehot = ops.oneHot(z, components, means.dtype());
        t.observe(OBSERVED, Normal.of(onehot.matmul(means), onehot.matmul(logScales).exp()));
    }

    /** The parameter values of this model's shape read from a map keyed by local names. */
    public GaussianMixtureParameters parameters(Map<String, HostArray> parameters) {
        return GaussianMixtureParameters.fromMap(parameters, components, dimension);
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> parameters) {
        return parameters(parameters).logLikelihood(data);
    }

    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> parameters) {
        return parameters(parameters).score(data);
    }

    /**
     * With {@link Seeding#KMEANS_PLUS_PLUS}, the means at K examples chosen by greedy k-means++: the first uniformly;
     * for each next one, 2 + ⌊ln K⌋ candidates drawn with probability proportional to their squared distance from
     * the nearest pick so far, keeping the candidate that most reduces the total squared distance (a single D² draw
     * misses a small cluster next to a large one about one time in ten on the default data); then one k-means step:
     * each mean moves to the centroid of the examples nearest it, and the log-scales start at those examples' log
     * standard deviation per dimension. Nothing otherwise.
     *
     * @throws DataException if there are fewer examples than components or they are not [M, D]
     */
    @Override
    public Map<String, HostArray> initialValues(HostArray examples, Map<String, HostArray> current,
            SplittableRandom random) {
        if (seeding != Seeding.KMEANS_PLUS_PLUS) {
            return Map.of();
        }
        if (examples.shape().rank() != 2 || examples.shape().dim(1) != dimension) {
            throw new DataException("gaussian-mixture: k-means++ seeding needs examples of shape [M, "
                    + dimension + "], got " + examples.shape());
        }
        int m = Math.toIntExact(examples.shape().dim(0));
        if (m < components) {
            throw new DataException("gaussian-mixture: k-means++ seeding needs at least " + components
                    + " training examples (one per component), got " + m);
        }
        double[] x = examples.doubles();
        double[] nearest = new double[m];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        double[] means = new double[components * dimension];
        int trials = 2 + (int) Math.log(components);
        double[] candidate = new double[m];
        double[] best = new double[m];
        int pick = random.nextInt(m);
        for (int k = 0; k < components; k++) {
            if (k > 0) {
                double total = Arrays.stream(nearest).sum();
                double bestPotential = Double.POSITIVE_INFINITY;
                for (int trial = 0; trial < trials; trial++) {
                    int c = drawProportional(nearest, total, random);
                    double potential = 0;
                    for (int i = 0; i < m; i++) {
                        candidate[i] = Math.min(nearest[i], squaredDistance(x, i, x, c));
                        potential += candidate[i];
                    }
                    if (potential < bestPotential) {
                        bestPotential = potential;
                        pick = c;
                        System.arraycopy(candidate, 0, best, 0, m);
                    }
                }
                System.arraycopy(best, 0, nearest, 0, m);
            } else {
                for (int i = 0; i < m; i++) {
                    nearest[i] = squaredDistance(x, i, x, pick);
                }
            }
            System.arraycopy(x, pick * dimension, means, k * dimension, dimension);
        }
        int[] owner = new int[m];
        for (int i = 0; i < m; i++) {
            double closest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                double d2 = squaredDistance(x, i, means, k);
                if (d2 < closest) {
                    closest = d2;
                    owner[i] = k;
                }
            }
        }
        double[] logScales = centroidsAndLogSpreads(x, owner, means);
        DType dtype = current.get(GaussianMixtureParameters.MEANS).dtype();
        return Map.of(GaussianMixtureParameters.MEANS, HostArray.of(Shape.of(components, dimension), dtype, means),
                GaussianMixtureParameters.LOG_SCALES, HostArray.of(Shape.of(components, dimension), dtype, logScales));
    }

    /**
     * Moves each mean to the centroid of its examples (the examples nearer to it than to any other mean) and returns
     * the log standard deviation of those examples per dimension; a component with fewer than two examples, or no
     * spread, gets the average log standard deviation of the others (0 if there is none).
     */
    private double[] centroidsAndLogSpreads(double[] x, int[] owner, double[] means) {
        int[] counts = new int[components];
        double[] sums = new double[components * dimension];
        for (int i = 0; i < owner.length; i++) {
            counts[owner[i]]++;
            for (int j = 0; j < dimension; j++) {
                sums[owner[i] * dimension + j] += x[i * dimension + j];
            }
        }
        for (int c = 0; c < means.length; c++) {
            if (counts[c / dimension] > 0) {
                means[c] = sums[c] / counts[c / dimension];
            }
        }
        double[] squares = new double[components * dimension];
        for (int i = 0; i < owner.length; i++) {
            for (int j = 0; j < dimension; j++) {
                double diff = x[i * dimension + j] - means[owner[i] * dimension + j];
                squares[owner[i] * dimension + j] += diff * diff;
            }
        }
        double[] logs = new double[components * dimension];
        double sum = 0;
        int usable = 0;
        for (int c = 0; c < logs.length; c++) {
            int n = counts[c / dimension];
            logs[c] = n >= 2 && squares[c] > 0 ? 0.5 * Math.log(squares[c] / (n - 1)) : Double.NaN;
            if (!Double.isNaN(logs[c])) {
                sum += logs[c];
                usable++;
            }
        }
        double fallback = usable == 0 ? 0.0 : sum / usable;
        for (int c = 0; c < logs.length; c++) {
            if (Double.isNaN(logs[c])) {
                logs[c] = fallback;
            }
        }
        return logs;
    }

    /** The squared distance between row i of a and row j of b, both with D columns. */
    private double squaredDistance(double[] a, int i, double[] b, int j) {
        double d2 = 0;
        for (int d = 0; d < dimension; d++) {
            double diff = a[i * dimension + d] - b[j * dimension + d];
            d2 += diff * diff;
        }
        return d2;
    }

    /** Index i with probability w_i / total; uniform when every weight is zero (all examples already picked). */
    private static int drawProportional(double[] weights, double total, SplittableRandom random) {
        if (!(total > 0)) {
            return random.nextInt(weights.length);
        }
        double u = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
