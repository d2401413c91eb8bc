package org.alws.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
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

/** Exact KRR against a plain-Java solution of (K + λI) a = k, and the median heuristic against a sorted median. */
class KernelRidgeRegressorTest {
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private HostArray[] weightsAndBandwidth(KernelRidgeOptions options, HostArray xs, HostArray xq, double jitter) {
        KernelRidgeRegressor krr = new KernelRidgeRegressor(options, new GaussianKernel());
        CompiledFunction f = ws.compile("krr" + options, List.of(TensorSpec.of(xs), TensorSpec.of(xq),
                TensorSpec.of(DType.FLOAT64)), (ops, in) -> {
                    LinearSmoother s = krr.fit(in.get(0), context(ops, in.get(2)));
                    return List.of(s.weights(in.get(1)), s.diagnostics().get("bandwidth"));
                });
        List<DeviceArray> out = f.call(xs, xq, HostArray.scalar(jitter));
        HostArray[] h = {out.get(0).toHost(), out.get(1).toHost()};
        out.forEach(DeviceArray::close);
        return h;
    }

    private RegressionContext context(TensorOps ops, Tensor jitter) {
        Parameters hyper = new Parameters(ws, SeedStream.root(1), "regressor/");
        return RegressionContext.of(ops, jitter, ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {1, 2})), hyper,
                java.util.Optional.empty());
    }

    private static HostArray random(SplittableRandom r, int n, int d) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return HostArray.of(Shape.of(n, d), v);
    }

    @Test
    void weightsSolveTheRidgeSystem() {
        SplittableRandom r = new SplittableRandom(5);
        HostArray xs = random(r, 30, 3);
        HostArray xq = random(r, 7, 3);
        double sigma = 1.3;
        double lambda = 0.05;
        HostArray[] out = weightsAndBandwidth(KernelRidgeOptions.of(lambda, "1.3", 1, 256), xs, xq, 0.0);
        double[] expected = ridgeWeights(xs, xq, sigma, lambda);
        assertThat(out[0].shape()).isEqualTo(Shape.of(7, 30));
        assertThat(out[0].doubles()).containsExactly(expected, within(1e-10));
        assertThat(out[1].scalarValue()).isEqualTo(sigma);
        // Jitter adds to the ridge.
        HostArray[] jittered = weightsAndBandwidth(KernelRidgeOptions.of(lambda, "1.3", 1, 256), xs, xq, 0.02);
        assertThat(jittered[0].doubles()).containsExactly(ridgeWeights(xs, xq, sigma, lambda + 0.02), within(1e-10));
    }

    @Test
    void theMedianHeuristicIsTheMedianDistanceBetweenDistinctPairs() {
        SplittableRandom r = new SplittableRandom(9);
        HostArray xs = random(r, 41, 2);
        HostArray[] out = weightsAndBandwidth(KernelRidgeOptions.of(1e-3, "median", 1, 256), xs, random(r, 2, 2),
                0.0);
        double[] x = xs.doubles();
        double[] d = new double[41 * 40 / 2];
        int k = 0;
        for (int i = 0; i < 41; i++) {
            for (int j = i + 1; j < 41; j++) {
                d[k++] = Math.hypot(x[2 * i] - x[2 * j], x[2 * i + 1] - x[2 * j + 1]);
            }
        }
        Arrays.sort(d);
        // 820 distinct pairs: the k-th smallest with k = 820 / 2 + 1 of the doubled list is d[410] or d[409].
        assertThat(out[1].scalarValue()).isBetween(d[409] - 1e-12, d[410] + 1e-12);
        // A scale multiplies it; a subsample uses only the first rows.
        HostArray[] scaled = weightsAndBandwidth(KernelRidgeOptions.of(1e-3, "median", 2, 256), xs, random(r, 2, 2),
                0.0);
        assertThat(scaled[1].scalarValue()).isCloseTo(2 * out[1].scalarValue(), within(1e-12));
    }

    /**
     * The adjoint form of ⟨g, α⟩ has the gradient of ⟨g, α⟩ itself with respect to the learned bandwidth factor and
     * ridge, with jitter on the diagonal too; and it is not the default (the same sum), whose gradient goes through
     * the factorisation.
     */
    @Test
    void theWeightsAdjointHasTheGradientOfTheWeightsInnerProduct() {
        SplittableRandom r = new SplittableRandom(17);
        HostArray xs = random(r, 40, 3);
        HostArray xq = random(r, 6, 3);
        HostArray g = random(r, 6, 40);
        KernelRidgeRegressor krr = new KernelRidgeRegressor(KernelRidgeOptions.of(0.07, "median", 0.8, 256)
                .withLearnHyperparameters(true), new GaussianKernel());
        Parameters hyper = new Parameters(ws, SeedStream.root(1), "regressor/");
        CompiledFunction f = ws.compile("krr-adjoint", List.of(TensorSpec.of(xs), TensorSpec.of(xq), TensorSpec.of(g),
                TensorSpec.of(DType.FLOAT64)), (ops, in) -> {
                    LinearSmoother s = krr.fit(in.get(0), RegressionContext.of(ops, in.get(3), ops.constant(
                            HostArray.ofLongs(Shape.of(2), new long[] {1, 2})), hyper, java.util.Optional.empty()));
                    Tensor alpha = s.weights(in.get(1));
                    List<Tensor> vars = hyper.variables().values().stream().map(ops::read).toList();
                    List<Tensor> out = new java.util.ArrayList<>(ops.gradients(alpha.mul(in.get(2)).sum(), vars));
                    out.addAll(ops.gradients(s.weightsAdjoint(in.get(1), alpha, in.get(2)), vars));
                    return out;
                });
        for (double jitter : new double[] {0.0, 0.01}) {
            List<DeviceArray> out = f.call(xs, xq, g, HostArray.scalar(jitter));
            assertThat(out).hasSize(4);
            for (int i = 0; i < 2; i++) {
                double direct = out.get(i).toHost().scalarValue();
                double adjoint = out.get(i + 2).toHost().scalarValue();
                assertThat(Math.abs(direct)).as("gradient %d", i).isGreaterThan(1e-3);
                assertThat(adjoint).as("gradient %d, jitter %s", i, jitter)
                        .isCloseTo(direct, within(1e-9 * Math.abs(direct)));
            }
            out.forEach(DeviceArray::close);
        }
    }

    @Test
    void badOptionsAreRejected() {
        assertThatThrownBy(() -> KernelRidgeOptions.of(0, "median", 1, 256)).isInstanceOf(ConfigException.class)
                .hasMessage("ridge: got 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> KernelRidgeOptions.of(1e-3, "0", 1, 256))
                .hasMessage("bandwidth: got '0', expected 'median' or a number > 0");
        assertThatThrownBy(() -> KernelRidgeOptions.of(1e-3, "wide", 1, 256))
                .hasMessage("bandwidth: got 'wide', expected 'median' or a number > 0");
    }

    @Test
    void theDescriptionNamesAScaledBandwidth() {
        assertThat(new KernelRidgeRegressor(KernelRidgeOptions.of(1e-3, "median", 0.5, 256), new GaussianKernel()))
                .hasToString("krr(gaussian, λ=0.001, bandwidth=median×0.5)");
        assertThat(new KernelRidgeRegressor(KernelRidgeOptions.of(1e-3, "median", 1, 256), new GaussianKernel()))
                .hasToString("krr(gaussian, λ=0.001, bandwidth=median)");
        // The scale applies to the median heuristic only, not to a fixed bandwidth.
        assertThat(new KernelRidgeRegressor(KernelRidgeOptions.of(1e-3, "2.5", 0.5, 256), new GaussianKernel()))
                .hasToString("krr(gaussian, λ=0.001, bandwidth=2.5)");
    }

    /** α = k(X*, X) (K + λI)⁻¹ by Gaussian elimination, row-major [M, N]. */
    private static double[] ridgeWeights(HostArray xs, HostArray xq, double sigma, double lambda) {
        int n = Math.toIntExact(xs.shape().dim(0));
        int m = Math.toIntExact(xq.shape().dim(0));
        int d = Math.toIntExact(xs.shape().dim(1));
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = k(xs.doubles(), i, xs.doubles(), j, d, sigma) + (i == j ? lambda : 0);
            }
        }
        double[] out = new double[m * n];
        for (int q = 0; q < m; q++) {
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = k(xs.doubles(), i, xq.doubles(), q, d, sigma);
            }
            double[] sol = solve(a.clone(), b, n);
            System.arraycopy(sol, 0, out, q * n, n);
        }
        return out;
    }

    private static double k(double[] x, int i, double[] y, int j, int d, double sigma) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double t = x[i * d + c] - y[j * d + c];
            s += t * t;
        }
        return Math.exp(-s / (2 * sigma * sigma));
    }

    private static double[] solve(double[] a, double[] b, int n) {
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            for (int k = 0; k < n; k++) {
                double t = a[c * n + k];
                a[c * n + k] = a[p * n + k];
                a[p * n + k] = t;
            }
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r * n + c] / a[c * n + c];
                for (int k = c; k < n; k++) {
                    a[r * n + k] -= f * a[c * n + k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r * n + k] * x[k];
            }
            x[r] = s / a[r * n + r];
        }
        return x;
    }
}
