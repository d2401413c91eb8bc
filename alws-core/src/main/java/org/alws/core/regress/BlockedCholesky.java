package org.alws.core.regress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * A left-looking blocked Cholesky factorisation {@code K + d I = L Lᵀ} that asks {@link GramBlocks} for the lower
 * triangle of K only, one block column at a time, and does the bulk of the arithmetic as matrix products.
 *
 * <p>For block column j (rows and columns {@code [s_j, e_j)}), with {@code L[e:, :s]} the factor's columns computed so
 * far: {@code A = K[s:, s:e] − L[s:, :s] L[s:e, :s]ᵀ} (one product), {@code L_jj = chol(A_jj + d I)} (a small
 * Cholesky), and the block column below it {@code L[e:, j] = A[e:, ·] L_jj⁻ᵀ}, computed as a product with the inverse
 * of {@code L_jj} (the inverse of a small triangle, then one product that the backend runs on all cores; a
 * triangular solve of the same size runs on one core). Solves run blockwise forward and backward substitution with
 * the same blocks.
 *
 * <p>Every step is an ordinary differentiable backend operation (slice, concat, matmul, cholesky, triangular solve),
 * so gradients flow through the factorisation and the solves to whatever K and d depend on.
 *
 * <p>With a single block this is exactly one Gram matrix, one {@code cholesky} and two triangular solves.
 */
final class BlockedCholesky implements CholeskySolver.Factor {
    private final TensorOps ops;
    /** Block boundaries: block j is {@code [bounds[j], bounds[j + 1])}. */
    private final long[] bounds;
    /** The diagonal blocks L_jj. */
    private final List<Tensor> diagonal;
    /** The block columns under the diagonal, {@code L[e_j:, s_j:e_j]}; null for the last block. */
    private final List<Tensor> below;

    private BlockedCholesky(TensorOps ops, long[] bounds, List<Tensor> diagonal, List<Tensor> below) {
        this.ops = ops;
        this.bounds = bounds;
        this.diagonal = diagonal;
        this.below = below;
    }

    /**
     * Block boundaries for n rows in blocks of {@code blockSize}, the last block taking what is left:
     * {@code {0, b, 2b, ..., n}}. Equal widths keep the row slices of the block columns free: the backend slices
     * whole rows of a matrix without copying when a row is a multiple of its alignment (64 bytes), which a block
     * size that is a multiple of 16 gives in both float types.
     */
    static long[] bounds(long n, long blockSize) {
        if (n < 1 || blockSize < 1) {
            throw new IllegalArgumentException("n = " + n + ", block size = " + blockSize + "; expected both >= 1");
        }
        int blocks = Math.toIntExact((n + blockSize - 1) / blockSize);
        long[] b = new long[blocks + 1];
        for (int j = 0; j <= blocks; j++) {
            b[j] = Math.min(n, j * blockSize);
        }
        return b;
    }

    /**
     * Factorises {@code K + shift · I} for the n × n matrix K given by {@code gram}, in blocks of at most
     * {@code blockSize} rows.
     */
    static BlockedCholesky factor(TensorOps ops, GramBlocks gram, long n, Tensor shift, long blockSize) {
        long[] bounds = bounds(n, blockSize);
        int blocks = bounds.length - 1;
        List<Tensor> diagonal = new ArrayList<>(blocks);
        List<Tensor> below = new ArrayList<>(blocks);
        for (int j = 0; j < blocks; j++) {
            long s = bounds[j];
            long size = bounds[j + 1] - s;
            long rest = n - s;
            Tensor column = gram.block(s, rest, s, size);
            Tensor d = shift.cast(column.dtype());
            if (j > 0) {
                // L[s:, :s], gathered from the block columns under the earlier diagonal blocks.
                List<Tensor> parts = new ArrayList<>(j);
                for (int k = 0; k < j; k++) {
                    long offset = s - bounds[k + 1];
                    long width = bounds[k + 1] - bounds[k];
                    Tensor b = below.get(k);
                    parts.add(offset == 0 && b.dim(0) == rest ? b
                            : ops.slice(b, new long[] {offset, 0}, new long[] {rest, width}));
                }
                Tensor left = parts.size() == 1 ? parts.get(0) : ops.concat(1, parts);
                Tensor top = ops.slice(left, new long[] {0, 0}, new long[] {size, s});
                column = column.sub(left.matmul(top, false, true));
            }
            Tensor block = rest == size ? column : ops.slice(column, new long[] {0, 0}, new long[] {size, size});
            Tensor l = ops.cholesky(block.add(ops.eye(size).cast(column.dtype()).mul(d)));
            diagonal.add(l);
            if (blocks == 1) {
                below.add(null);
                break;
            }
            if (rest == size) {
                below.add(null);
            } else {
                // L[e:, j] = A[e:, j] L_jj⁻ᵀ as a product with the inverse of the small triangle.
                Tensor inverse = ops.triangularSolve(l, ops.eye(size).cast(l.dtype()), true, false);
                Tensor under = ops.slice(column, new long[] {size, 0}, new long[] {rest - size, size});
                below.add(under.matmul(inverse, false, true));
            }
        }
        return new BlockedCholesky(ops, bounds, List.copyOf(diagonal), Collections.unmodifiableList(below));
    }

    /** The number of diagonal blocks. */
    int blocks() {
        return bounds.length - 1;
    }

    @Override
    public Tensor solve(Tensor rhs) {
        int blocks = blocks();
        if (blocks == 1) {
            Tensor l = diagonal.get(0);
            return ops.triangularSolve(l, ops.triangularSolve(l, rhs, true, false), true, true);
        }
        long n = bounds[blocks];
        long c = rhs.dim(1);
        // Forward: L y = rhs, keeping the not yet solved rows as one remainder.
        List<Tensor> y = new ArrayList<>(blocks);
        Tensor rest = rhs;
        for (int j = 0; j < blocks; j++) {
            long size = bounds[j + 1] - bounds[j];
            long left = n - bounds[j + 1];
            Tensor head = left == 0 ? rest : ops.slice(rest, new long[] {0, 0}, new long[] {size, c});
            Tensor yj = ops.triangularSolve(diagonal.get(j), head, true, false);
            y.add(yj);
            if (left > 0) {
                rest = ops.slice(rest, new long[] {size, 0}, new long[] {left, c}).sub(below.get(j).matmul(yj));
            }
        }
        // Backward: Lᵀ x = y, building x from the last block up.
        Tensor tail = null;
        for (int j = blocks - 1; j >= 0; j--) {
            Tensor r = tail == null ? y.get(j) : y.get(j).sub(below.get(j).matmul(tail, true, false));
            Tensor xj = ops.triangularSolve(diagonal.get(j), r, true, true);
            tail = tail == null ? xj : ops.concat(0, List.of(xj, tail));
        }
        return tail;
    }
}
