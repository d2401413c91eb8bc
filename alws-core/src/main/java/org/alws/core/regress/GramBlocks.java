package org.alws.core.regress;

import org.alws.api.tensor.Tensor;

/**
 * The blocks of a symmetric matrix computed on demand, so that a factorisation can build only the blocks it needs
 * (the lower triangle) instead of the whole matrix.
 */
@FunctionalInterface
public interface GramBlocks {

    /** Rows {@code [row, row + rows)} and columns {@code [col, col + cols)} of the matrix. */
    Tensor block(long row, long rows, long col, long cols);
}
