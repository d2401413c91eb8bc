package org.alws.core.regress;

import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Solves linear systems with a symmetric positive-definite matrix K + d I by its Cholesky factor. The factor is
 * computed once and shared by every right-hand side (every query and every target of a regression).
 *
 * <p>Small matrices get one backend {@code cholesky} of the whole matrix. Larger ones are factorised by a blocked,
 * left-looking Cholesky ({@link BlockedCholesky}) that builds only the lower triangle of K, block column by block
 * column, and does most of its arithmetic as matrix products, which the backend runs on every core (its
 * {@code cholesky} runs on one). Both are differentiable with respect to K's inputs and d.
 */
public final class CholeskySolver {
    /** Matrices up to this size are factorised in one piece (measured: no faster blocked at n = 1024). */
    static final long UNBLOCKED_MAX = 1024;
    /** The smallest block of the blocked factorisation. */
    static final long MIN_BLOCK = 256;

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
        return factor(ops, gram, n, diagonal, blockSize(n));
    }

    /** As {@link #factor(TensorOps, GramBlocks, long, Tensor)} with blocks of at most {@code blockSize} rows. */
    static Factor factor(TensorOps ops, GramBlocks gram, long n, Tensor diagonal, long blockSize) {
        return BlockedCholesky.factor(ops, gram, n, diagonal, blockSize);
    }

    /**
     * The block size for an n × n matrix: n itself (one block) up to {@link #UNBLOCKED_MAX}, else about 6.4 √n, a
     * multiple of 64 of at least {@link #MIN_BLOCK} and not a power of two (448 at n = 5000, 640 at n = 10000).
     * The square root balances the two costs that grow with n: the block-column solves, b n² flops, against the
     * copies that gather the factor's earlier columns for each update, n³ / 6b elements. Powers of two were slower
     * by about 10% at n = 5000 (512 against 448 and 576).
     */
    static long blockSize(long n) {
        if (n <= UNBLOCKED_MAX) {
            return n;
        }
        long b = Math.max(MIN_BLOCK, 64 * Math.round(Math.sqrt(n) / 10));
        return Long.bitCount(b) == 1 ? b + 64 : b;
    }
}
