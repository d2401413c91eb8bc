package org.alws.models.pinwheel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.alws.api.DataException;
import org.alws.api.config.Check;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Normal;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.InitialisesFromData;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.models.mixture.GaussianMixtureModel;

/**
 * A hierarchical model of 2-D data: a mixture component c ~ Categorical(softmax(logits)) over K, a 2-D latent
 * y | c ~ N(μ_c, diag s_c²) with s = exp(logScales), and the observation x | y ~ N(MLP(y), diag σ²) with
 * σ = exp(logNoise), where MLP(y) = W₂ᵀ relu(W₁ᵀ y + b₁) + b₂ has H hidden units. The program:
 *
 * <pre>{@code
 * Tensor c = t.sample("c", Categorical.ofLogits(zeros[n, K] + logits));              // [n], INT32
 * Tensor onehot = ops.oneHot(c, K, dtype);                                           // [n, K]
 * Tensor y = t.sample("y", Normal.of(onehot.matmul(means), onehot.matmul(logScales).exp()));  // [n, 2]
 * Tensor h = relu(y.matmul(mlp/w1) + mlp/b1);                                         // [n, H]
 * t.observe("x", Normal.of(h.matmul(mlp/w2) + mlp/b2, logNoise.exp()));              // [n, 2]
 * }</pre>
 *
 * <p>It is the reference's pinwheel model with a diagonal covariance per component instead of a Cholesky factor
 * (the MLP can still turn and shear each component). The initializers follow the reference: equal weights, means
 * N(0, initialMeanStd²), scales initialScale, the MLP's weights N(0, 0.2²) and its biases U(±1/√fan-in) (PyTorch's
 * default), log σ = initialLogNoise. With {@link Seeding#KMEANS_PLUS_PLUS} (the provider's default) the model then
 * starts as a Gaussian mixture fitted to the training data ({@link #initialValues}). Both latents are sampled
 * ancestrally; c is discrete, so the VAE family does not apply, while ALWS needs nothing more. The observation is an
 * elementwise Normal, so ALWS takes its exponential-family path. Held-out log p(x) is estimated by
 * {@link PinwheelLikelihood} from the parameters.
 */
public final class PinwheelModel implements GenerativeModel, InitialisesFromData {
    /** The component, INT32 [n]. */
    public static final String COMPONENT = "c";
    /** The latent point, [n, 2]. */
    public static final String LATENT = "y";
    /** The observed point, [n, 2]. */
    public static final String OBSERVED = "x";
    /** The dimension of y and of x. */
    public static final int DIMENSION = 2;
    /** The standard deviation of the MLP weights' initial draws (the reference's). */
    static final double WEIGHT_STD = 0.2;

    private final int components;
    private final int hidden;
    private final double initialMeanStd;
    private final double initialScale;
    private final double initialLogNoise;
    private final Seeding seeding;

    /** Where the model starts. */
    public enum Seeding {
        /**
         * As a Gaussian mixture fitted to the training data by greedy k-means++, passed through an identity MLP
         * (option value {@code kmeans-plus-plus}).
         */
        KMEANS_PLUS_PLUS,
        /** At the initializers' seeded draws, as in the reference (option value {@code random}). */
        RANDOM
    }

    /** A model that starts at its initializers' draws ({@link Seeding#RANDOM}). */
    public PinwheelModel(int components, int hidden, double initialMeanStd, double initialScale,
            double initialLogNoise) {
        this(components, hidden, initialMeanStd, initialScale, initialLogNoise, Seeding.RANDOM);
    }

    /**
     * @param components K (&gt;= 1)
     * @param hidden H, the MLP's hidden units (&gt;= 1)
     * @param initialMeanStd the standard deviation of the initial means' draws (&gt; 0)
     * @param initialScale the initial standard deviation s of every component along each axis (&gt; 0)
     * @param initialLogNoise the initial log σ of the observation
     * @param seeding where the model starts
     * @throws org.alws.api.ConfigException naming the argument that is out of range
     */
    public PinwheelModel(int components, int hidden, double initialMeanStd, double initialScale,
            double initialLogNoise, Seeding seeding) {
        this.components = Check.atLeast("components", components, 1);
        this.hidden = Check.atLeast("hidden", hidden, 1);
        this.initialMeanStd = Check.positive("initialMeanStd", initialMeanStd);
        this.initialScale = Check.positive("initialScale", initialScale);
        this.initialLogNoise = Check.finite("initialLogNoise", initialLogNoise);
        this.seeding = Objects.requireNonNull(seeding, "seeding");
    }

    /** K. */
    public int components() {
        return components;
    }

    /** H. */
    public int hidden() {
        return hidden;
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        int n = t.batchSize();
        Tensor logits = t.param(PinwheelParameters.LOGITS, Shape.of(components), Initializer.zeros());
        Tensor means = t.param(PinwheelParameters.MEANS, Shape.of(components, DIMENSION),
                Initializer.normal(initialMeanStd));
        Tensor logScales = t.param(PinwheelParameters.LOG_SCALES, Shape.of(components, DIMENSION),
                Initializer.constant(Math.log(initialScale)));
        Tensor w1 = t.param(PinwheelParameters.W1, Shape.of(DIMENSION, hidden), Initializer.normal(WEIGHT_STD));
        Tensor b1 = t.param(PinwheelParameters.B1, Shape.of(hidden), fanInUniform(DIMENSION));
        Tensor w2 = t.param(PinwheelParameters.W2, Shape.of(hidden, DIMENSION), Initializer.normal(WEIGHT_STD));
        Tensor b2 = t.param(PinwheelParameters.B2, Shape.of(DIMENSION), fanInUniform(hidden));
        Tensor logNoise = t.param(PinwheelParameters.LOG_NOISE, Shape.of(DIMENSION),
                Initializer.constant(initialLogNoise));
        Tensor batchLogits = ops.zeros(Shape.of(n, components)).cast(logits.dtype()).add(logits);
        Tensor c = t.sample(COMPONENT, Categorical.ofLogits(batchLogits));
        Tensor onehot = ops.oneHot(c, components, means.dtype());
        Tensor y = t.sample(LATENT, Normal.of(onehot.matmul(means), onehot.matmul(logScales).exp()));
        Tensor h = y.matmul(w1).add(b1).relu();
        Tensor noise = ops.zeros(Shape.of(n, DIMENSION)).cast(logNoise.dtype()).add(logNoise).exp();
        t.observe(OBSERVED, Normal.of(h.matmul(w2).add(b2), noise));
    }

    /** U(−1/√fanIn, 1/√fanIn), PyTorch's default for a linear layer's bias. */
    private static Initializer fanInUniform(int fanIn) {
        double a = 1 / Math.sqrt(fanIn);
        return Initializer.uniform(-a, a);
    }

    /** The parameter values of this model's shape read from a map keyed by local names. */
    public PinwheelParameters parameters(Map<String, HostArray> values) {
        return PinwheelParameters.fromMap(values, components, hidden);
    }

    /**
     * With {@link Seeding#KMEANS_PLUS_PLUS}, the model as a Gaussian mixture fitted to the training examples: the
     * means and spreads of the {@code gaussian-mixture} model's k-means++ seeding (K picks by greedy D² sampling,
     * one k-means step), an MLP that is the identity on y through four of its ReLU units (y = relu(y) − relu(−y)
     * per axis; the other units' outgoing weights and the output bias start at zero, their incoming ones keep their
     * draws), the observation's σ at half the smallest cluster spread along each axis, and each component's scale at
     * the rest of its spread, √(spread² − σ²). The weights stay equal: the learner finds them. Nothing otherwise, or
     * with fewer than four hidden units.
     *
     * @throws DataException if there are fewer examples than components or they are not [M, 2]
     */
    @Override
    public Map<String, HostArray> initialValues(HostArray examples, Map<String, HostArray> current,
            SplittableRandom random) {
        if (seeding != Seeding.KMEANS_PLUS_PLUS || hidden < 2 * DIMENSION) {
            return Map.of();
        }
        if (examples.shape().rank() != 2 || examples.shape().dim(1) != DIMENSION) {
            throw new DataException("pinwheel: k-means++ seeding needs examples of shape [M, " + DIMENSION
                    + "], got " + examples.shape());
        }
        HostArray currentMeans = current.get(PinwheelParameters.MEANS);
        Map<String, HostArray> mixture = new GaussianMixtureModel(components, DIMENSION, 1.0, 0.0,
                GaussianMixtureModel.Seeding.KMEANS_PLUS_PLUS).initialValues(examples,
                        Map.of(PinwheelParameters.MEANS, currentMeans), random);
        double[] spreads = mixture.get(PinwheelParameters.LOG_SCALES).doubles();
        double[] noise = new double[DIMENSION];
        Arrays.fill(noise, Double.POSITIVE_INFINITY);
        for (int i = 0; i < spreads.length; i++) {
            spreads[i] = Math.exp(spreads[i]);
            noise[i % DIMENSION] = Math.min(noise[i % DIMENSION], 0.5 * spreads[i]);
        }
        double[] logScales = new double[spreads.length];
        for (int i = 0; i < spreads.length; i++) {
            double n = noise[i % DIMENSION];
            logScales[i] = 0.5 * Math.log(spreads[i] * spreads[i] - n * n);
        }
        double[] logNoise = new double[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            logNoise[d] = Math.log(noise[d]);
        }
        double[] w1 = current.get(PinwheelParameters.W1).doubles();
        double[] b1 = current.get(PinwheelParameters.B1).doubles();
        double[] w2 = new double[hidden * DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            for (int sign = 0; sign < 2; sign++) {
                int unit = 2 * d + sign;
                double direction = sign == 0 ? 1 : -1;
                for (int i = 0; i < DIMENSION; i++) {
                    w1[i * hidden + unit] = i == d ? direction : 0;
                }
                b1[unit] = 0;
                w2[unit * DIMENSION + d] = direction;
            }
        }
        DType dtype = currentMeans.dtype();
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put(PinwheelParameters.MEANS, mixture.get(PinwheelParameters.MEANS));
        out.put(PinwheelParameters.LOG_SCALES, HostArray.of(Shape.of(components, DIMENSION), dtype, logScales));
        out.put(PinwheelParameters.W1, HostArray.of(Shape.of(DIMENSION, hidden), dtype, w1));
        out.put(PinwheelParameters.B1, HostArray.of(Shape.of(hidden), dtype, b1));
        out.put(PinwheelParameters.W2, HostArray.of(Shape.of(hidden, DIMENSION), dtype, w2));
        out.put(PinwheelParameters.B2, HostArray.of(Shape.of(DIMENSION), dtype, new double[DIMENSION]));
        out.put(PinwheelParameters.LOG_NOISE, HostArray.of(Shape.of(DIMENSION), dtype, logNoise));
        return out;
    }

    @Override
    public String toString() {
        return "pinwheel(K=" + components + ", H=" + hidden + ")";
    }
}
