package org.alws.api.dist;

import java.util.ArrayList;
import java.util.List;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A distribution of the form {@code p(x) = h(x) exp(eta . S(x) - A)}. ALWS uses this form for observed sites: it
 * regresses the z-only natural parameters {@code eta} and log-normaliser {@code A} and uses the exact sufficient
 * statistics {@code S(x*)} of the data, which has lower variance than regressing the log joint.
 *
 * <p>Shapes: with {@code s = shape()} and {@code k = statisticCount()}, {@code eta} and {@code S(x)} have shape
 * {@code s + [k]}, and {@code A} and {@code log h(x)} have shape {@code s}. For every value,
 * {@code logProb(x) = sum_k eta*S(x) - A + log h(x)}.
 */
public interface ExponentialFamily extends Distribution {

    /** Number of sufficient statistics per element. */
    int statisticCount();

    /** The natural parameters {@code eta}, of shape {@code shape() + [k]}. */
    Tensor naturalParameters();

    /** The log-normaliser {@code A}, of shape {@code shape()}. */
    Tensor logNormalizer();

    /**
     * The sufficient statistics {@code S(x)}, of shape {@code value.shape() + [k]}. They depend on the value only
     * (never on this distribution's parameters), so they may be computed for data of any batch size.
     */
    Tensor sufficientStatistics(Tensor value);

    /** The log base measure {@code log h(x)}, of the value's shape; independent of the parameters. */
    Tensor logBaseMeasure(Tensor value);

    /**
     * The natural parameters one statistic at a time: {@code k} tensors that broadcast to {@code shape()}, the
     * slices of {@link #naturalParameters()} along its last axis. A family that builds η from separate parts returns
     * them as they are, which spares the caller the interleaving copy of the stacked form, and may leave a part
     * unbroadcast where it is the same along leading axes (a normal's −1/(2σ²) with one σ for every sample), which
     * lets the caller sum over those axes before multiplying.
     */
    default List<Tensor> naturalParameterParts() {
        return lastAxisSlices(naturalParameters(), statisticCount());
    }

    /** The sufficient statistics one statistic at a time, the slices of {@link #sufficientStatistics} likewise. */
    default List<Tensor> sufficientStatisticParts(Tensor value) {
        return lastAxisSlices(sufficientStatistics(value), statisticCount());
    }

    private static List<Tensor> lastAxisSlices(Tensor stacked, int k) {
        Shape shape = stacked.shape();
        Shape outer = shape.head(shape.rank() - 1);
        if (k == 1) {
            return List.of(stacked.reshape(outer));
        }
        List<Tensor> parts = new ArrayList<>(k);
        long[] begin = new long[shape.rank()];
        long[] size = shape.dims();
        size[shape.rank() - 1] = 1;
        for (int i = 0; i < k; i++) {
            begin[shape.rank() - 1] = i;
            parts.add(stacked.ops().slice(stacked, begin.clone(), size.clone()).reshape(outer));
        }
        return parts;
    }
}
