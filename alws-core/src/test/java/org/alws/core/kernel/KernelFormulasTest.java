package org.alws.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.regress.Kernel;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The new kernels against their formulas in plain Java, and their gradients: finite at zero distance (with respect
 * to the bandwidth, for learned bandwidths, and to the inputs, for learned features) and equal to finite
 * differences elsewhere.
 */
class KernelFormulasTest {
    private static final int D = 3;
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static HostArray points(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return HostArray.of(Shape.of(n, D), v);
    }

    /** gram(x, y, σ), d Σ gram / dσ and d Σ gram / dx. */
    private HostArray[] gramAndGradients(Kernel kernel, HostArray x, HostArray y, double sigma) {
        CompiledFunction f = ws.compile("gram/" + kernel, List.of(TensorSpec.of(x), TensorSpec.of(y),
                TensorSpec.of(DType.FLOAT64)), (ops, in) -> {
                    Tensor g = kernel.gram(in.get(0), in.get(1), in.get(2));
                    List<Tensor> grads = ops.gradients(g.sum(), List.of(in.get(2), in.get(0)));
                    return List.of(g, grads.get(0), grads.get(1));
                });
        List<DeviceArray> out = f.call(x, y, HostArray.scalar(sigma));
        HostArray[] h = {out.get(0).toHost(), out.get(1).toHost(), out.get(2).toHost()};
        out.forEach(DeviceArray::close);
        return h;
    }

    private static double distance(double[] x, int i, double[] y, int j) {
        double s = 0;
        for (int c = 0; c < D; c++) {
            double t = x[i * D + c] - y[j * D + c];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    private void checkStationary(Kernel kernel, DoubleUnaryOperator k) {
        HostArray x = points(1, 6);
        HostArray y = points(2, 4);
        for (double sigma : new double[] {0.4, 1.0, 3.0}) {
            double[] g = gramAndGradients(kernel, x, y, sigma)[0].doubles();
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 4; j++) {
                    double r = distance(x.doubles(), i, y.doubles(), j) / sigma;
                    assertThat(g[i * 4 + j]).as("%s at r = %s", kernel, r).isCloseTo(k.applyAsDouble(r),
                            within(1e-12));
                }
            }
        }
    }

    @Test
    void laplaceIsExpOfMinusTheEuclideanDistance() {
        checkStationary(MaternKernel.laplace(), r -> Math.exp(-r));
    }

    @Test
    void matern32And52FollowTheirFormulas() {
        double s3 = Math.sqrt(3);
        double s5 = Math.sqrt(5);
        checkStationary(MaternKernel.matern32(), r -> (1 + s3 * r) * Math.exp(-s3 * r));
        checkStationary(MaternKernel.matern52(), r -> (1 + s5 * r + 5 * r * r / 3) * Math.exp(-s5 * r));
    }

    @Test
    void polynomialIsAPowerOfTheScaledInnerProductIncludingNegativeBases() {
        for (int p : new int[] {1, 2, 3, 5, 8}) {
            for (double c : new double[] {0, 1, 2.5}) {
                Kernel kernel = new PolynomialKernel(new PolynomialKernelOptions(p, c));
                HostArray x = points(3, 5);
                HostArray y = points(4, 4);
                double sigma = 1.7;
                double[] g = gramAndGradients(kernel, x, y, sigma)[0].doubles();
                boolean negative = false;
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 4; j++) {
                        double dot = 0;
                        for (int k = 0; k < D; k++) {
                            dot += x.doubles()[i * D + k] * y.doubles()[j * D + k];
                        }
                        double base = c + dot / (sigma * sigma);
                        negative |= base < 0;
                        double expected = Math.pow(base, p);
                        assertThat(g[i * 4 + j]).as("(%s + <x,y>/σ²)^%d", c, p)
                                .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
                    }
                }
                if (c == 0) {
                    assertThat(negative).as("some inner products are negative").isTrue();
                }
            }
        }
    }

    private static List<Kernel> all() {
        return List.of(MaternKernel.laplace(), MaternKernel.matern32(), MaternKernel.matern52(), new GaussianKernel(),
                new PolynomialKernel(PolynomialKernelOptions.defaults()));
    }

    @Test
    void gradientsAreFiniteAtZeroDistance() {
        // Rows 0 and 2 coincide, so gram(x, x) has zero distances on and off the diagonal.
        double[] v = points(5, 5).doubles().clone();
        System.arraycopy(v, 0, v, 2 * D, D);
        HostArray x = HostArray.of(Shape.of(5, D), v);
        for (Kernel kernel : all()) {
            for (double sigma : new double[] {0.3, 1.0, 4.0}) {
                HostArray[] out = gramAndGradients(kernel, x, x, sigma);
                assertThat(out[0].allFinite()).as("%s gram at σ = %s", kernel, sigma).isTrue();
                assertThat(out[1].allFinite()).as("%s: d gram / dσ at σ = %s: %s", kernel, sigma, out[1]).isTrue();
                assertThat(out[2].allFinite()).as("%s: d gram / dx at σ = %s: %s", kernel, sigma, out[2]).isTrue();
            }
        }
    }

    @Test
    void bandwidthGradientsMatchFiniteDifferences() {
        HostArray x = points(6, 6);
        HostArray y = points(7, 5);
        double h = 1e-5;
        for (Kernel kernel : all()) {
            for (double sigma : new double[] {0.5, 1.5}) {
                double analytic = gramAndGradients(kernel, x, y, sigma)[1].scalarValue();
                double up = sum(gramAndGradients(kernel, x, y, sigma + h)[0]);
                double down = sum(gramAndGradients(kernel, x, y, sigma - h)[0]);
                double numeric = (up - down) / (2 * h);
                assertThat(analytic).as("%s: d Σ gram / dσ at σ = %s", kernel, sigma)
                        .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    @Test
    void theDiagonalOfTheDistanceKernelsIsOneUpToTheFloor() {
        HostArray x = points(8, 9);
        for (Kernel kernel : List.of(MaternKernel.laplace(), MaternKernel.matern32(), MaternKernel.matern52())) {
            double[] g = gramAndGradients(kernel, x, x, 0.7)[0].doubles();
            for (int i = 0; i < 9; i++) {
                // r is floored at 1e-6: exp(-1e-6) for Laplace, 1 - O(1e-12) for the smooth ones.
                assertThat(g[i * 9 + i]).as("%s k(x, x)", kernel).isCloseTo(1.0, within(1.1e-6));
                assertThat(g[i * 9 + i]).as("%s k(x, x) is the same for every x", kernel).isEqualTo(g[0]);
            }
        }
    }

    private static double sum(HostArray a) {
        double s = 0;
        for (double v : a.doubles()) {
            s += v;
        }
        return s;
    }
}
