package org.alws.core.regress;

import org.alws.api.random.SeedStream;
import org.alws.api.regress.GaussianInputs;
import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Reduction;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The feature map {@code projection}: a fixed random linear map to F features followed by a standardisation,
 * h = x W, then each feature centred and scaled: f_j = (h_j − mean(h_j)) / √(var(h_j) + ε), with the biased (1/N)
 * variance and ε = 10⁻⁶ × the mean variance over the features (plus 10⁻³⁰, so a constant batch maps to zeros rather
 * than 0/0). Where the statistics come from is the {@link FeatureStandardisation}: by default ({@code BATCH}) the rows
 * of the batch being mapped; with {@code SLEEP} the sleep inputs of the fit, for them and for every query of that fit
 * (one affine map per fit, so a query's features do not depend on the other queries); with {@code NONE} there is no
 * standardisation, f = h.
 *
 * <p><b>The weights</b> W [D, F] are independent N(0, 1/F) draws (a Johnson–Lindenstrauss projection; a
 * standardisation makes their scale immaterial) from a seed that is a fixed function of D and F, derived from
 * {@code SeedStream.root(}{@value #ROOT_SEED}{@code ).child("features/projection")}: the same projection in every fit,
 * every step, and every run with the same input and feature dimensions, drawn again in the graph rather than stored
 * (nothing is added to the regressor's hyper-parameters, so the map is not mistaken for a learned one and checkpoints
 * do not grow). It is part of the regressor's definition, like a fixed architecture.
 *
 * <p><b>Per-batch statistics</b> ({@code BATCH}) follow the reference implementation, whose feature network for images
 * is a linear layer to 100 features followed by a BatchNorm layer left in training mode and called separately on
 * each batch: sleep inputs, queries (the data minibatch) and validation inputs are each standardised by their own
 * mean and variance (the reference's bandwidth is the median distance between the features, then learned). This
 * matches the first two moments of every feature between the sleep and the wake batches (a per-batch moment
 * matching); it also means that a single query, or a batch of identical queries, maps to the zero vector, and that a
 * query's features depend on the other queries of its batch, which {@code SLEEP} avoids.
 */
public final class RandomProjection implements FeatureMap {
    /** The root of the fixed seed stream the weights are drawn from. */
    public static final long ROOT_SEED = 0x5EED_F00DL;
    /** ε relative to the mean variance. */
    static final double RELATIVE_EPSILON = 1e-6;

    private final int dimension;
    private final FeatureStandardisation standardisation;

    /** Per-batch standardised features ({@link FeatureStandardisation#BATCH}). */
    public RandomProjection(int dimension) {
        this(dimension, FeatureStandardisation.BATCH);
    }

    /**
     * @param dimension F, the number of output features (≥ 1)
     * @param standardisation where the features' centring and scaling statistics come from
     */
    public RandomProjection(int dimension, FeatureStandardisation standardisation) {
        if (dimension < 1) {
            throw new IllegalArgumentException("projection: dimension " + dimension + " < 1");
        }
        this.dimension = dimension;
        this.standardisation = java.util.Objects.requireNonNull(standardisation, "standardisation");
    }

    /** Where the features' statistics come from. */
    public FeatureStandardisation standardisation() {
        return standardisation;
    }

    /** F, the number of output features. */
    public int dimension() {
        return dimension;
    }

    /** The projection's weights [D, F] for inputs of width D, in {@code dtype}: the same tensor values every call. */
    public Tensor weights(TensorOps ops, long inputDimension, org.alws.api.tensor.DType dtype) {
        HostArray seed = SeedStream.root(ROOT_SEED).child("features/projection").child("D" + inputDimension)
                .statelessSeed(dimension);
        return ops.randomNormal(Shape.of(inputDimension, dimension), dtype, ops.constant(seed))
                .mul(1.0 / Math.sqrt(dimension));
    }

    /** The projection h = x W, [N, F]. */
    private Tensor project(Tensor inputs, RegressionContext context) {
        return inputs.matmul(weights(context.ops(), inputs.dim(1), inputs.dtype()));
    }

    /** The centre [1, F] and the scale [1, F] (1/√(var + ε)) of every feature over the rows of {@code h}. */
    private static Tensor[] statistics(TensorOps ops, Tensor h) {
        Tensor mean = ops.reduce(Reduction.MEAN, h, true, 0);
        Tensor variance = ops.reduce(Reduction.MEAN, h.sub(mean).square(), true, 0);
        Tensor epsilon = variance.mean().mul(RELATIVE_EPSILON).add(1e-30);
        return new Tensor[] {mean, variance.add(epsilon).rsqrt()};
    }

    /**
     * The features of {@code inputs}, standardised by their own statistics unless the standardisation is
     * {@code NONE} (a regressor goes through {@link #fit}, where {@code SLEEP} uses the sleep inputs' statistics).
     */
    @Override
    public Tensor apply(Tensor inputs, RegressionContext context) {
        Tensor h = project(inputs, context);
        if (standardisation == FeatureStandardisation.NONE) {
            return h;
        }
        Tensor[] s = statistics(context.ops(), h);
        return h.sub(s[0]).mul(s[1]);
    }

    @Override
    public Fitted fit(Tensor inputs, RegressionContext context) {
        return fitProjected(project(inputs, context), context);
    }

    /**
     * Draws the projection of x = mean + scale ⊙ ε itself: h = mean W + ξ Lᵀ with ξ ~ N(0, I) [N, F] and L the
     * Cholesky factor of Wᵀ diag(scale²) W, the covariance of (scale ⊙ ε) W. That is the distribution of the projected
     * draw, from F random numbers a sample instead of D. Inputs narrower than 2F, where the covariance can be near
     * singular and little is saved, are drawn as they are.
     */
    @Override
    public Fitted fit(GaussianInputs inputs, RegressionContext context) {
        if (inputs.width() < 2L * dimension) {
            return FeatureMap.super.fit(inputs, context);
        }
        TensorOps ops = context.ops();
        Tensor mean = inputs.mean();
        Tensor w = weights(ops, inputs.width(), mean.dtype());
        Tensor scaled = w.mul(inputs.scale().reshape(inputs.width(), 1));
        Tensor root = ops.cholesky(scaled.matmul(scaled, true, false));
        Tensor noise = ops.randomNormal(Shape.of(inputs.count(), dimension), mean.dtype(), inputs.seed());
        return fitProjected(mean.matmul(w).add(noise.matmul(root, false, true)), context);
    }

    /** The fit of sleep inputs whose projection is {@code h}, standardised as {@link #standardisation} says. */
    private Fitted fitProjected(Tensor h, RegressionContext context) {
        if (standardisation == FeatureStandardisation.NONE) {
            return new Fitted(h, queries -> project(queries, context));
        }
        Tensor[] s = statistics(context.ops(), h);
        Tensor features = h.sub(s[0]).mul(s[1]);
        if (standardisation == FeatureStandardisation.BATCH) {
            return new Fitted(features, queries -> apply(queries, context));
        }
        return new Fitted(features, queries -> project(queries, context).sub(s[0]).mul(s[1]));
    }

    @Override
    public String toString() {
        return "projection(" + dimension + (standardisation == FeatureStandardisation.BATCH ? ""
                : ", " + standardisation.name().toLowerCase(java.util.Locale.ROOT)) + ")";
    }
}
