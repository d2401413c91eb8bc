package org.alws.core.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.tensorflow.TensorFlowBackend;

/** A float64 TensorFlow workspace for regressor tests, with contexts and plain-Java linear algebra. */
final class RegressionFixture implements AutoCloseable {
    private static final AtomicInteger NAMES = new AtomicInteger();
    final Workspace ws;
    final Parameters hyper;

    RegressionFixture() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
        hyper = new Parameters(ws, SeedStream.root(1).child("regressor"), "regressor/");
    }

    @Override
    public void close() {
        ws.close();
    }

    /** A context with the given jitter, seed and (optional) preparation. */
    RegressionContext context(TensorOps ops, Tensor jitter, Tensor seed, Optional<Tensor> prepared) {
        return RegressionContext.of(ops, jitter, seed, hyper, prepared);
    }

    /** A context with jitter 0 and the seed pair (a, b). */
    RegressionContext context(TensorOps ops, long a, long b) {
        return context(ops, ops.scalar(0.0), ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {a, b})),
                Optional.empty());
    }

    /** Compiles {@code body} for the given inputs (a fresh function each call) and runs it once. */
    HostArray[] run(List<HostArray> inputs, BiFunction<TensorOps, List<Tensor>, List<Tensor>> body) {
        List<TensorSpec> specs = new ArrayList<>();
        for (HostArray h : inputs) {
            specs.add(TensorSpec.of(h));
        }
        CompiledFunction f = ws.compile("test/f" + NAMES.incrementAndGet(), specs, body::apply);
        List<DeviceArray> out = f.call(new ArrayList<>(inputs));
        HostArray[] h = new HostArray[out.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = out.get(i).toHost();
        }
        out.forEach(DeviceArray::close);
        return h;
    }

    /** n × d values uniform on [lo, hi). */
    static HostArray uniform(SplittableRandom r, int n, int d, double lo, double hi) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return HostArray.of(Shape.of(n, d), v);
    }

    /** The Gaussian kernel matrix [n, m] of the rows of x [n, d] and y [m, d]. */
    static double[][] gaussianGram(double[] x, int n, double[] y, int m, int d, double sigma) {
        double[][] k = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = x[i * d + c] - y[j * d + c];
                    s += t * t;
                }
                k[i][j] = Math.exp(-s / (2 * sigma * sigma));
            }
        }
        return k;
    }

    /** A row-major [rows, cols] array as a matrix. */
    static double[][] matrix(double[] v, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(v, i * cols, a[i], 0, cols);
        }
        return a;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double v = a[i][l];
                for (int j = 0; j < m; j++) {
                    c[i][j] += v * b[l][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** A⁻¹ B by Gaussian elimination with partial pivoting (A square, B [n, c]). */
    static double[][] solve(double[][] a0, double[][] b0) {
        int n = a0.length;
        int c = b0[0].length;
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
            b[i] = b0[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int p = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[p][col])) {
                    p = r;
                }
            }
            double[] t = a[col];
            a[col] = a[p];
            a[p] = t;
            t = b[col];
            b[col] = b[p];
            b[p] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                for (int k = 0; k < c; k++) {
                    b[r][k] -= f * b[col][k];
                }
            }
        }
        double[][] x = new double[n][c];
        for (int r = n - 1; r >= 0; r--) {
            for (int k = 0; k < c; k++) {
                double s = b[r][k];
                for (int j = r + 1; j < n; j++) {
                    s -= a[r][j] * x[j][k];
                }
                x[r][k] = s / a[r][r];
            }
        }
        return x;
    }

    /** |a − b|_F / |b|_F for row-major arrays. */
    static double relativeError(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    static double[] flatten(double[][] a) {
        double[] v = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, v, i * a[0].length, a[0].length);
        }
        return v;
    }
}
