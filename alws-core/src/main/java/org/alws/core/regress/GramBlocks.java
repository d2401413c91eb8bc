package org.alws.core.regress;

import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The blocks of a symmetric matrix computed on demand, so that a factorisation can build only the blocks it needs
 * (the lower triangle) instead of the whole matrix.
 */
@FunctionalInterface
public interface GramBlocks {

    /** Rows {@code [row, row + rows)} and columns {@code [col, col + cols)} of the matrix. */
    Tensor block(long row, long rows, long col, long cols);

    /** Rows {@code [from, from + count)} of a matrix (the matrix itself when that is all of it). */
    static Tensor rows(TensorOps ops, Tensor x, long from, long count) {
        if (from == 0 && count == x.dim(0)) {
            return x;
        }
        return ops.slice(x, new long[] {from, 0}, new long[] {count, x.dim(1)});
    }

    /** Columns {@code [from, from + count)} of a matrix (the matrix itself when that is all of it). */
    static Tensor columns(TensorOps ops, Tensor x, long from, long count) {
        if (from == 0 && count == x.dim(1)) {
            return x;
        }
        return ops.slice(x, new long[] {0, from}, new long[] {x.dim(0), count});
    }
}
