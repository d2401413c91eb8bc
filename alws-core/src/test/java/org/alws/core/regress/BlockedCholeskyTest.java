package org.alws.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.core.kernel.GaussianKernel;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blocked Cholesky solver against the single-block one and against a plain-Java solution (float64, sizes that are
 * not multiples of the block size), its gradients against central finite differences, and the Gram blocks it asks
 * for (the lower triangle only).
 */
class BlockedCholeskyTest {
    private static final GaussianKernel KERNEL = new GaussianKernel();
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static HostArray random(SplittableRandom r, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return HostArray.of(Shape.of(rows, cols), v);
    }

    /** The Gram blocks of the Gaussian kernel on the rows of x. */
    private static GramBlocks gram(TensorOps ops, Tensor x, Tensor bandwidth) {
        return (row, rows, col, cols) -> KERNEL.gram(GramBlocks.rows(ops, x, row, rows),
                GramBlocks.rows(ops, x, col, cols), bandwidth);
    }

    /** (K(x; σ) + λ I)⁻¹ rhs with blocks of at most {@code block} rows. */
    private double[] solve(HostArray x, HostArray rhs, double sigma, double lambda, long block) {
        long n = x.shape().dim(0);
        CompiledFunction f = ws.compile("solve" + block, List.of(TensorSpec.of(x), TensorSpec.of(rhs)), (ops, in) -> {
            CholeskySolver.Factor factor = CholeskySolver.factor(ops, gram(ops, in.get(0), ops.scalar(sigma)), n,
                    ops.scalar(lambda), block);
            return List.of(factor.solve(in.get(1)));
        });
        List<DeviceArray> out = f.call(x, rhs);
        double[] v = out.get(0).toHost().doubles();
        out.forEach(DeviceArray::close);
        return v;
    }

    @Test
    void blocksAreAsEqualAsPossible() {
        assertThat(BlockedCholesky.bounds(37, 8)).containsExactly(0, 8, 16, 24, 32, 37);
        assertThat(BlockedCholesky.bounds(5000, 1000)).containsExactly(0, 1000, 2000, 3000, 4000, 5000);
        assertThat(BlockedCholesky.bounds(1100, 512)).containsExactly(0, 512, 1024, 1100);
        assertThat(BlockedCholesky.bounds(3, 8)).containsExactly(0, 3);
        for (long n = CholeskySolver.UNBLOCKED_MAX + 1; n < 100_000; n += 997) {
            long b = CholeskySolver.blockSize(n);
            assertThat(b % 64).isZero();
            assertThat(Long.bitCount(b)).isGreaterThan(1);
            assertThat(b).isBetween(CholeskySolver.MIN_BLOCK, n);
        }
        assertThat(CholeskySolver.blockSize(CholeskySolver.UNBLOCKED_MAX)).isEqualTo(CholeskySolver.UNBLOCKED_MAX);
        assertThat(CholeskySolver.blockSize(CholeskySolver.UNBLOCKED_MAX + 1)).isEqualTo(320);
        assertThat(CholeskySolver.blockSize(5000)).isEqualTo(448);
        assertThat(CholeskySolver.blockSize(10000)).isEqualTo(640);
        assertThat(CholeskySolver.blockSize(26000)).isEqualTo(1088);
    }

    @Test
    void blockedSolvesAgreeWithTheSingleBlockAndWithGaussianElimination() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 37;
        HostArray x = random(r, n, 3);
        HostArray rhs = random(r, n, 4);
        double sigma = 0.9;
        double lambda = 1e-3;
        double[] whole = solve(x, rhs, sigma, lambda, n);
        double[] exact = gaussianElimination(kernelMatrix(x, sigma, lambda), rhs.doubles(), n, 4);
        double scale = maxAbs(exact);
        assertThat(maxAbsDiff(whole, exact)).isLessThan(1e-9 * scale);
        for (long block : new long[] {1, 5, 8, 13, 36}) {
            double[] blocked = solve(x, rhs, sigma, lambda, block);
            assertThat(maxAbsDiff(blocked, whole)).as("block %d", block).isLessThan(1e-10 * scale);
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteGivesNonFiniteValuesAsTheSingleBlockDoes() {
        // The learner's jitter escalation relies on this: a failed factorisation shows as non-finite weights.
        SplittableRandom r = new SplittableRandom(14);
        int n = 37;
        HostArray x = random(r, n, 3);
        HostArray rhs = random(r, n, 2);
        for (long block : new long[] {n, 8}) {
            double[] v = solve(x, rhs, 0.9, -0.5, block);
            assertThat(java.util.Arrays.stream(v).allMatch(Double::isFinite)).as("block %d", block).isFalse();
        }
    }

    @Test
    void onlyTheLowerTriangleOfTheGramMatrixIsBuilt() {
        SplittableRandom r = new SplittableRandom(12);
        int n = 37;
        HostArray x = random(r, n, 2);
        List<long[]> asked = new ArrayList<>();
        ws.compile("recorded", List.of(TensorSpec.of(x)), (ops, in) -> {
            GramBlocks g = gram(ops, in.get(0), ops.scalar(1.0));
            GramBlocks recording = (row, rows, col, cols) -> {
                asked.add(new long[] {row, rows, col, cols});
                return g.block(row, rows, col, cols);
            };
            return List.of(CholeskySolver.factor(ops, recording, n, ops.scalar(0.1), 8).solve(in.get(0)));
        });
        // One block column per diagonal block, from the diagonal down: 37, 29, 21, 13 rows of 8, and 5 of 5.
        assertThat(asked).hasSize(5);
        long entries = 0;
        for (long[] a : asked) {
            assertThat(a[0]).isEqualTo(a[2]);
            assertThat(a[0] + a[1]).isEqualTo(n);
            entries += a[1] * a[3];
        }
        assertThat(entries).isEqualTo(37 * 8 + 29 * 8 + 21 * 8 + 13 * 8 + 5 * 5);
    }

    @Test
    void gradientsThroughTheBlockedSolveMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(13);
        int n = 11;
        int m = 3;
        HostArray x = random(r, n, 2);
        HostArray queries = random(r, m, 2);
        HostArray weights = random(r, m, n);
        TensorSpec scalar = TensorSpec.of(DType.FLOAT64);
        // loss(x, σ, λ) = Σ W ⊙ k(X*, X) (K + λ I)⁻¹, with blocks of 4, 4, 3 rows.
        CompiledFunction f = ws.compile("grad", List.of(TensorSpec.of(x), scalar, scalar), (ops, in) -> {
            Tensor xs = in.get(0);
            Tensor sigma = in.get(1);
            Tensor lambda = in.get(2);
            CholeskySolver.Factor factor = CholeskySolver.factor(ops, gram(ops, xs, sigma), n, lambda, 4);
            Tensor alpha = factor.solve(KERNEL.gram(xs, ops.constant(queries), sigma)).t();
            Tensor loss = alpha.mul(ops.constant(weights)).sum();
            List<Tensor> out = new ArrayList<>(List.of(loss));
            out.addAll(ops.gradients(loss, List.of(xs, sigma, lambda)));
            return out;
        });
        double sigma = 0.8;
        double lambda = 0.05;
        List<DeviceArray> out = f.call(x, HostArray.scalar(sigma), HostArray.scalar(lambda));
        double[] gx = out.get(1).toHost().doubles();
        double gSigma = out.get(2).toHost().scalarValue();
        double gLambda = out.get(3).toHost().scalarValue();
        out.forEach(DeviceArray::close);

        double h = 1e-5;
        double dSigma = (loss(f, x, sigma + h, lambda) - loss(f, x, sigma - h, lambda)) / (2 * h);
        double dLambda = (loss(f, x, sigma, lambda + h) - loss(f, x, sigma, lambda - h)) / (2 * h);
        assertThat(gSigma).isCloseTo(dSigma, within(1e-6 * Math.max(1, Math.abs(dSigma))));
        assertThat(gLambda).isCloseTo(dLambda, within(1e-6 * Math.max(1, Math.abs(dLambda))));
        // Every coordinate of x.
        double[] xv = x.doubles();
        for (int i = 0; i < xv.length; i++) {
            double[] plus = xv.clone();
            double[] minus = xv.clone();
            plus[i] += h;
            minus[i] -= h;
            double d = (loss(f, HostArray.of(x.shape(), plus), sigma, lambda)
                    - loss(f, HostArray.of(x.shape(), minus), sigma, lambda)) / (2 * h);
            assertThat(gx[i]).as("d loss / d x[%d]", i).isCloseTo(d, within(1e-6 * Math.max(1, Math.abs(d))));
        }
        assertThat(Math.abs(gSigma) + Math.abs(gLambda)).isGreaterThan(1e-3);
    }

    private static double loss(CompiledFunction f, HostArray x, double sigma, double lambda) {
        List<DeviceArray> out = f.call(x, HostArray.scalar(sigma), HostArray.scalar(lambda));
        double v = out.get(0).toHost().scalarValue();
        out.forEach(DeviceArray::close);
        return v;
    }

    /** K + λ I, row-major. */
    private static double[] kernelMatrix(HostArray x, double sigma, double lambda) {
        int n = Math.toIntExact(x.shape().dim(0));
        int d = Math.toIntExact(x.shape().dim(1));
        double[] v = x.doubles();
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = v[i * d + c] - v[j * d + c];
                    s += t * t;
                }
                k[i * n + j] = Math.exp(-s / (2 * sigma * sigma)) + (i == j ? lambda : 0);
            }
        }
        return k;
    }

    /** A⁻¹ B for row-major A [n, n] and B [n, c], by elimination with partial pivoting. */
    private static double[] gaussianElimination(double[] a, double[] b, int n, int c) {
        a = a.clone();
        b = b.clone();
        for (int col = 0; col < n; col++) {
            int p = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row * n + col]) > Math.abs(a[p * n + col])) {
                    p = row;
                }
            }
            swapRows(a, n, col, p);
            swapRows(b, c, col, p);
            for (int row = col + 1; row < n; row++) {
                double f = a[row * n + col] / a[col * n + col];
                for (int k = col; k < n; k++) {
                    a[row * n + k] -= f * a[col * n + k];
                }
                for (int k = 0; k < c; k++) {
                    b[row * c + k] -= f * b[col * c + k];
                }
            }
        }
        double[] out = new double[n * c];
        for (int row = n - 1; row >= 0; row--) {
            for (int k = 0; k < c; k++) {
                double s = b[row * c + k];
                for (int j = row + 1; j < n; j++) {
                    s -= a[row * n + j] * out[j * c + k];
                }
                out[row * c + k] = s / a[row * n + row];
            }
        }
        return out;
    }

    private static void swapRows(double[] m, int width, int i, int j) {
        for (int k = 0; k < width; k++) {
            double t = m[i * width + k];
            m[i * width + k] = m[j * width + k];
            m[j * width + k] = t;
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
