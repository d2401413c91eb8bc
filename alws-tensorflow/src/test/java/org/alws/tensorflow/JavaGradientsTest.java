package org.alws.tensorflow;

import static org.alws.tensorflow.GradientCheck.assertSmall;
import static org.alws.tensorflow.GradientCheck.maxRelativeError;
import static org.alws.tensorflow.GradientCheck.randomMatrix;
import static org.alws.tensorflow.GradientCheck.randomSpd;

import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Java gradients TensorFlow lacks, each against central finite differences in float64. */
class JavaGradientsTest {
    private static Workspace ws;
    private final SplittableRandom random = new SplittableRandom(7);

    @BeforeAll
    static void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    /** A fixed random weighting so that every output element influences the scalar. */
    private static Tensor weighted(Tensor y, long salt) {
        SplittableRandom r = new SplittableRandom(salt);
        double[] w = new double[y.shape().intSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        return y.mul(y.ops().constant(HostArray.of(y.shape(), w))).sum();
    }

    @Test
    void cholesky() {
        HostArray b = randomMatrix(random, 5, 5);
        // A = B Bᵀ + 5 I keeps A symmetric under every perturbation of B.
        double err = maxRelativeError(ws, "chol", List.of(b), (ops, in) -> {
            Tensor x = in.get(0);
            Tensor a = x.matmul(x, false, true).add(ops.eye(5).mul(5.0));
            return weighted(ops.cholesky(a), 1);
        }, 1e-6);
        assertSmall(err, 1e-6);
    }

    @ParameterizedTest(name = "lower={0} adjoint={1}")
    @CsvSource({"true,false", "true,true", "false,false", "false,true"})
    void triangularSolve(boolean lower, boolean adjoint) {
        HostArray l = randomSpd(random, 4);
        HostArray rhs = randomMatrix(random, 4, 3);
        double err = maxRelativeError(ws, "trisolve" + lower + adjoint, List.of(l, rhs), (ops, in) -> {
            // Use only the relevant triangle, made well conditioned.
            Tensor m = in.get(0);
            return weighted(ops.triangularSolve(m, in.get(1), lower, adjoint), 2);
        }, 1e-6);
        assertSmall(err, 1e-6);
    }

    @ParameterizedTest(name = "adjoint={0}")
    @CsvSource({"false", "true"})
    void solve(boolean adjoint) {
        HostArray a = randomSpd(random, 4);
        double[] v = a.doubles().clone();
        v[1] += 0.7; // make it non-symmetric
        HostArray rhs = randomMatrix(random, 4, 2);
        double err = maxRelativeError(ws, "solve" + adjoint, List.of(HostArray.of(Shape.of(4, 4), v), rhs),
                (ops, in) -> weighted(ops.solve(in.get(0), in.get(1), adjoint), 3), 1e-6);
        assertSmall(err, 1e-6);
    }

    @Test
    void choleskySolveComposite() {
        HostArray b = randomMatrix(random, 4, 4);
        HostArray rhs = randomMatrix(random, 4, 2);
        double err = maxRelativeError(ws, "cholsolve", List.of(b, rhs), (ops, in) -> {
            Tensor x = in.get(0);
            Tensor l = ops.cholesky(x.matmul(x, false, true).add(ops.eye(4).mul(4.0)));
            Tensor y = ops.triangularSolve(l, in.get(1), true, false);
            return weighted(ops.triangularSolve(l, y, true, true), 4);
        }, 1e-6);
        assertSmall(err, 1e-6);
    }

    @Test
    void digammaThroughSecondDerivativeOfLgamma() {
        HostArray x = HostArray.vector(0.7, 1.5, 3.2);
        // d/dx sum(w * d lgamma/dx) needs Digamma's gradient (the trigamma function).
        double err = maxRelativeError(ws, "digamma", List.of(x), (ops, in) -> weighted(in.get(0).digamma(), 5),
                1e-6);
        assertSmall(err, 1e-6);
    }

    @Test
    void onesLikeMakesUnseededGradientsTwiceDifferentiable() {
        HostArray x = HostArray.vector(0.3, -1.2, 2.0);
        double err = maxRelativeError(ws, "second", List.of(x), (ops, in) -> {
            Tensor y = in.get(0).sin().mul(in.get(0).square()).sum();
            Tensor g = ops.gradients(y, List.of(in.get(0))).get(0);
            return weighted(g, 6);
        }, 1e-5);
        assertSmall(err, 1e-6);
    }

    /**
     * Implicit reparameterisation: for x ~ Gamma(α, 1), E[dx/dα] = dE[x]/dα = 1 and E[d log x/dα] = dE[log x]/dα =
     * trigamma(α). Checked by averaging the per-sample gradients of many draws (the transport differs from the
     * sampler's own path, so a finite difference at a fixed seed is not the right check).
     */
    @ParameterizedTest(name = "alpha={0}")
    @CsvSource({"0.6", "2.5", "7.0"})
    void gammaSamplesAreDifferentiableInTheirConcentration(double alpha) {
        int n = 200_000;
        double[] a = new double[n];
        java.util.Arrays.fill(a, alpha);
        var f = ws.compile("gamma-grad", List.of(org.alws.api.backend.TensorSpec.of(DType.FLOAT64, n)),
                (ops, in) -> {
                    Tensor seed = ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {11, 12}));
                    Tensor x = ops.randomGamma(in.get(0), seed);
                    Tensor dx = ops.gradients(x.sum(), in).get(0);
                    Tensor dlog = ops.gradients(x.log().sum(), in).get(0);
                    return List.of(dx.mean(), dlog.mean(), dx.square().mean(), dlog.square().mean());
                });
        var out = f.call(HostArray.of(Shape.of(n), a));
        double meanDx = out.get(0).toHost().scalarValue();
        double meanDlog = out.get(1).toHost().scalarValue();
        double seDx = Math.sqrt((out.get(2).toHost().scalarValue() - meanDx * meanDx) / n);
        double seDlog = Math.sqrt((out.get(3).toHost().scalarValue() - meanDlog * meanDlog) / n);
        out.forEach(org.alws.api.tensor.DeviceArray::close);
        org.assertj.core.api.Assertions.assertThat(meanDx).isCloseTo(1.0, org.assertj.core.api.Assertions.within(
                5 * seDx));
        org.assertj.core.api.Assertions.assertThat(meanDlog).isCloseTo(trigamma(alpha),
                org.assertj.core.api.Assertions.within(5 * seDlog));
    }

    /** Trigamma by upward recurrence to x >= 8 and the asymptotic series. */
    static double trigamma(double x) {
        double acc = 0;
        while (x < 8) {
            acc += 1 / (x * x);
            x += 1;
        }
        double x2 = x * x;
        return acc + 1 / x + 1 / (2 * x2) + 1 / (6 * x2 * x) - 1 / (30 * x2 * x2 * x) + 1 / (42 * x2 * x2 * x2 * x)
                - 1 / (30 * x2 * x2 * x2 * x2 * x);
    }

    @Test
    void matrixInverse() {
        HostArray a = randomSpd(random, 3);
        double err = maxRelativeError(ws, "inverse", List.of(a), (ops, in) -> {
            Tensor i = ops.solve(in.get(0), ops.eye(3), false);
            return weighted(i, 8);
        }, 1e-6);
        assertSmall(err, 1e-6);
    }
}
