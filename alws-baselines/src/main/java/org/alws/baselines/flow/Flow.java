package org.alws.baselines.flow;

import org.alws.api.tensor.Tensor;

/**
 * One invertible layer of a normalising flow on R^d. A layer owns no variables: its parameters come in with the
 * batch, one row per point (from an encoder, for amortised flows), so the same layer serves every data point.
 */
public interface Flow {

    /** The output of a layer: the transformed batch z' [N, d] and log|det ∂z'/∂z| of each row, [N]. */
    record Step(Tensor z, Tensor logDet) {
    }

    /** The number P of parameters per row for vectors of dimension {@code dimension}. */
    int parameterCount(int dimension);

    /**
     * Parameters [P] a layer should start near (what an encoder head's bias starts at): zeros unless the layer
     * says otherwise.
     */
    default double[] initialParameters(int dimension) {
        return new double[parameterCount(dimension)];
    }

    /**
     * Applies the layer.
     *
     * @param z the batch [N, d]
     * @param parameters each row's parameters [N, P], laid out as the layer documents
     */
    Step forward(Tensor z, Tensor parameters);

    /** Columns {@code [from, from + count)} of a matrix [N, P]. */
    static Tensor columns(Tensor m, long from, long count) {
        return m.ops().slice(m, new long[] {0, from}, new long[] {m.dim(0), count});
    }
}
