package org.alws.core.regress;

import org.alws.api.random.SeedStream;
import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Reduction;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The feature map {@code projection}: a fixed random linear map to F features followed by per-batch
 * standardisation, h = x W, then each feature centred and scaled by its own statistics over the rows of the batch
 * being mapped: f_j = (h_j − mean(h_j)) / √(var(h_j) + ε), with the biased (1/N) variance and ε = 10⁻⁶ × the mean
 * variance over the features (plus 10⁻³⁰, so a constant batch maps to zeros rather than 0/0).
 *
 * <p><b>The weights</b> W [D, F] are independent N(0, 1/F) draws (a Johnson–Lindenstrauss projection; the
 * standardisation makes their scale immaterial) from a seed that is a fixed function of D and F, derived from
 * {@code SeedStream.root(}{@value #ROOT_SEED}{@code ).child("features/projection")}: the same projection in every fit,
 * every step, and every run with the same input and feature dimensions, drawn again in the graph rather than stored
 * (nothing is added to the regressor's hyper-parameters, so the map is not mistaken for a learned one and checkpoints
 * do not grow). It is part of the regressor's definition, like a fixed architecture.
 *
 * <p><b>Per-batch statistics</b> follow the reference implementation, whose feature networks end in a BatchNorm layer
 * left in training mode and called separately on each batch: sleep inputs, queries (the data minibatch) and
 * validation inputs are each standardised by their own mean and variance. This matches the first two moments of
 * every feature between the sleep and the wake batches (a per-batch moment matching); it also means that a single
 * query, or a batch of identical queries, maps to the zero vector, and that a query's features depend on the other
 * queries of its batch.
 */
public final class RandomProjection implements FeatureMap {
    /** The root of the fixed seed stream the weights are drawn from. */
    public static final long ROOT_SEED = 0x5EED_F00DL;
    /** ε relative to the mean variance. */
    static final double RELATIVE_EPSILON = 1e-6;

    private final int dimension;

    /** @param dimension F, the number of output features (≥ 1) */
    public RandomProjection(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("projection: dimension " + dimension + " < 1");
        }
        this.dimension = dimension;
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

    @Override
    public Tensor apply(Tensor inputs, RegressionContext context) {
        TensorOps ops = context.ops();
        Tensor h = inputs.matmul(weights(ops, inputs.dim(1), inputs.dtype()));
        Tensor mean = ops.reduce(Reduction.MEAN, h, true, 0);
        Tensor centred = h.sub(mean);
        Tensor variance = ops.reduce(Reduction.MEAN, centred.square(), true, 0);
        Tensor epsilon = variance.mean().mul(RELATIVE_EPSILON).add(1e-30);
        return centred.mul(variance.add(epsilon).rsqrt());
    }

    @Override
    public String toString() {
        return "projection(" + dimension + ")";
    }
}
