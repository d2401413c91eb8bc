package org.alws.core.eval.image;

import java.util.List;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The kernel inception distance (Bińkowski et al., 2018) of two sets of feature vectors: the unbiased estimate of
 * the squared maximum mean discrepancy with the cubic polynomial kernel k(a, b) = (aᵀb / d + 1)³,
 *
 * <pre>
 * MMD²_u = Σ_{i≠j} k(x_i, x_j) / (m(m−1)) + Σ_{i≠j} k(y_i, y_j) / (n(n−1)) − 2 Σ_{i,j} k(x_i, y_j) / (mn),
 * </pre>
 *
 * reported as is (not scaled by 100 or 1000). Its expectation is exactly zero when both sets are drawn from the same
 * distribution, so it can be negative.
 *
 * <p>Both sets are cut into S contiguous blocks; the kernel sums of every pair of blocks are computed in float64 in a
 * workspace (one matrix product per pair, so nothing larger than a block pair is ever held) and combined into the
 * estimate on all the vectors. The standard error is that of the mean of the S estimates on the diagonal block
 * pairs (disjoint subsets): their standard deviation over √S. The estimate on all the vectors also uses the pairs
 * across blocks, so its own error is no larger.
 */
public final class KernelDistance {
    private KernelDistance() {
    }

    /**
     * A KID and its standard error.
     *
     * @param kid the unbiased MMD² on all the vectors
     * @param standardError the standard error over the subsets (NaN with a single subset)
     * @param subsets S, the number of subsets
     */
    public record Result(double kid, double standardError, int subsets) {
    }

    /**
     * One set of feature vectors cut into blocks, with its within-set kernel sums, computed once and reused for
     * every set it is compared with.
     */
    public static final class Prepared {
        private final Features[] blocks;
        /** Σ_{i≠j} k over pairs within block s. */
        private final double[] withinBlock;
        /** Σ_{i≠j} k over all pairs of the set. */
        private final double total;
        private final int count;

        private Prepared(Features[] blocks, double[] withinBlock, double total, int count) {
            this.blocks = blocks;
            this.withinBlock = withinBlock;
            this.total = total;
            this.count = count;
        }

        /** The number of vectors. */
        public int count() {
            return count;
        }

        /** S. */
        public int subsets() {
            return blocks.length;
        }
    }

    /**
     * Cuts {@code features} into {@code subsets} blocks (fewer if there are fewer than two vectors per block) and
     * computes its within-set kernel sums.
     *
     * @throws IllegalArgumentException with fewer than two vectors
     */
    public static Prepared prepare(Workspace workspace, Features features, int subsets) {
        int n = features.count();
        if (n < 2) {
            throw new IllegalArgumentException("KID needs at least 2 feature vectors per set, got " + n);
        }
        int s = Math.max(1, Math.min(subsets, n / 2));
        Features[] blocks = new Features[s];
        for (int b = 0; b < s; b++) {
            blocks[b] = features.rows((int) ((long) n * b / s), (int) ((long) n * (b + 1) / s));
        }
        double[] within = new double[s];
        double total = 0;
        for (int a = 0; a < s; a++) {
            within[a] = blockSum(workspace, blocks[a], blocks[a]) - diagonal(blocks[a]);
            total += within[a];
            for (int b = a + 1; b < s; b++) {
                total += 2 * blockSum(workspace, blocks[a], blocks[b]);
            }
        }
        return new Prepared(blocks, within, total, n);
    }

    /**
     * The KID between two sets of vectors, each cut into {@code subsets} blocks (fewer if either set has fewer than
     * two vectors per block).
     */
    public static Result between(Workspace workspace, Features x, Features y, int subsets) {
        int s = Math.max(1, Math.min(subsets, Math.min(x.count(), y.count()) / 2));
        return between(workspace, prepare(workspace, x, s), prepare(workspace, y, s));
    }

    /**
     * The KID between two prepared sets.
     *
     * @throws IllegalArgumentException if they were cut into different numbers of blocks or their dimensions differ
     */
    public static Result between(Workspace workspace, Prepared x, Prepared y) {
        int s = x.subsets();
        if (y.subsets() != s) {
            throw new IllegalArgumentException("KID of sets cut into " + s + " and " + y.subsets() + " subsets");
        }
        if (x.blocks[0].dimension() != y.blocks[0].dimension()) {
            throw new IllegalArgumentException("KID of features of dimensions " + x.blocks[0].dimension() + " and "
                    + y.blocks[0].dimension());
        }
        double cross = 0;
        double[] diagonalCross = new double[s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                double sum = blockSum(workspace, x.blocks[a], y.blocks[b]);
                cross += sum;
                if (a == b) {
                    diagonalCross[a] = sum;
                }
            }
        }
        double m = x.count;
        double n = y.count;
        double kid = x.total / (m * (m - 1)) + y.total / (n * (n - 1)) - 2 * cross / (m * n);
        if (s == 1) {
            return new Result(kid, Double.NaN, 1);
        }
        double[] perSubset = new double[s];
        double mean = 0;
        for (int a = 0; a < s; a++) {
            double p = x.blocks[a].count();
            double q = y.blocks[a].count();
            perSubset[a] = x.withinBlock[a] / (p * (p - 1)) + y.withinBlock[a] / (q * (q - 1))
                    - 2 * diagonalCross[a] / (p * q);
            mean += perSubset[a] / s;
        }
        double ss = 0;
        for (double v : perSubset) {
            ss += (v - mean) * (v - mean);
        }
        return new Result(kid, Math.sqrt(ss / (s - 1) / s), s);
    }

    /** The cubic polynomial kernel of two vectors of dimension d. */
    public static double kernel(double[] a, double[] b) {
        double dot = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
        }
        double u = dot / a.length + 1;
        return u * u * u;
    }

    /** Σ_i k(x_i, x_i). */
    private static double diagonal(Features f) {
        int d = f.dimension();
        double sum = 0;
        for (int i = 0; i < f.count(); i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double v = f.get(i, j);
                sq += v * v;
            }
            double u = sq / d + 1;
            sum += u * u * u;
        }
        return sum;
    }

    /** Σ_{i,j} k(a_i, b_j), in float64 in the workspace. */
    private static double blockSum(Workspace workspace, Features a, Features b) {
        int d = a.dimension();
        CompiledFunction f = workspace.compile("kid/block-sum", List.of(TensorSpec.of(DType.FLOAT64, a.count(), d),
                TensorSpec.of(DType.FLOAT64, b.count(), d)), (ops, in) -> {
                    Tensor u = in.get(0).matmul(in.get(1), false, true).div(d).add(1.0);
                    return List.of(u.square().mul(u).sum());
                });
        List<DeviceArray> out = f.call(HostArray.of(Shape.of(a.count(), d), a.values()),
                HostArray.of(Shape.of(b.count(), d), b.values()));
        try {
            return out.get(0).toHost().scalarValue();
        } finally {
            out.forEach(DeviceArray::close);
        }
    }
}
