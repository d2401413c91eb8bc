package org.alws.core.regress;

import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Solves linear systems with a symmetric positive-definite matrix K + d I by its Cholesky factor. The factor is
 * computed once and shared by every right-hand side (every query and every target of a regression).
 */
public final class CholeskySolver {
    private CholeskySolver() {
    }

    /** A factorised matrix. */
    public interface Factor {
        /** {@code (K + d I)⁻¹ rhs} for rhs [n, c]. */
        Tensor solve(Tensor rhs);
    }

    /**
     * Factorises {@code K + diagonal · I}, where K is n × n with blocks from {@code gram}.
     *
     * @param diagonal a scalar added to the diagonal (ridge plus jitter)
     */
    public static Factor factor(TensorOps ops, GramBlocks gram, long n, Tensor diagonal) {
        Tensor k = gram.block(0, n, 0, n);
        Tensor l = ops.cholesky(k.add(ops.eye(n).cast(k.dtype()).mul(diagonal.cast(k.dtype()))));
        return rhs -> ops.triangularSolve(l, ops.triangularSolve(l, rhs, true, false), true, true);
    }
}
