package org.alws.baselines.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.alws.api.backend.Backend;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flow layers on their own, in float64: each layer's log|det| against the log-determinant of its Jacobian by
 * central finite differences (d = 3), the planar layer's invertibility condition wᵀû ≥ −1 for random u and w, and
 * the triangular Jacobian of an IAF layer in its ordering (both orderings).
 */
class FlowLayersTest {
    private static final double H = 1e-5;
    private Workspace workspace;

    @BeforeEach
    void open() {
        Backend best = null;
        for (Backend b : ServiceLoader.load(Backend.class)) {
            if (b.availability().isAvailable() && (best == null || b.priority() > best.priority())) {
                best = b;
            }
        }
        assertThat(best).as("a backend on the test class path").isNotNull();
        workspace = best.open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    /** The layer's outputs (z' [M, d], log|det| [M]) on rows z [M, d] with parameters [M, P]. */
    private double[][] forward(Flow flow, String name, int d, double[] z, double[] params) {
        int p = flow.parameterCount(d);
        int rows = z.length / d;
        CompiledFunction f = workspace.compile("test/flow/" + name + "/" + rows, List.of(
                TensorSpec.of(DType.FLOAT64, rows, d), TensorSpec.of(DType.FLOAT64, rows, p)), (ops, in) -> {
                    Flow.Step s = flow.forward(in.get(0), in.get(1));
                    return List.of(s.z(), s.logDet());
                });
        List<DeviceArray> out = f.call(HostArray.of(Shape.of(rows, d), z), HostArray.of(Shape.of(rows, p), params));
        double[][] r = {out.get(0).toHost().doubles().clone(), out.get(1).toHost().doubles().clone()};
        out.forEach(DeviceArray::close);
        return r;
    }

    /** The layer's log|det| at z and its Jacobian J[j][i] = ∂z'_j / ∂z_i by central differences. */
    private record Local(double logDet, double[][] jacobian) {
    }

    private Local local(Flow flow, String name, double[] z, double[] params) {
        int d = z.length;
        int p = params.length;
        int rows = 1 + 2 * d;
        double[] zs = new double[rows * d];
        double[] ps = new double[rows * p];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(z, 0, zs, r * d, d);
            System.arraycopy(params, 0, ps, r * p, p);
        }
        for (int i = 0; i < d; i++) {
            zs[(1 + 2 * i) * d + i] += H;
            zs[(2 + 2 * i) * d + i] -= H;
        }
        double[][] out = forward(flow, name, d, zs, ps);
        double[][] j = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int o = 0; o < d; o++) {
                j[o][i] = (out[0][(1 + 2 * i) * d + o] - out[0][(2 + 2 * i) * d + o]) / (2 * H);
            }
        }
        return new Local(out[1][0], j);
    }

    /** The determinant by Gaussian elimination with partial pivoting. */
    static double determinant(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
        }
        double det = 1;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (pivot != c) {
                double[] t = a[pivot];
                a[pivot] = a[c];
                a[c] = t;
                det = -det;
            }
            det *= a[c][c];
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        return det;
    }

    private static double[] gaussian(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return v;
    }

    @Test
    void theDeterminantHelperIsRight() {
        assertThat(determinant(new double[][] {{2, 1, 0}, {1, 3, 1}, {0, 1, 4}})).isCloseTo(18.0, Offset.offset(1e-12));
        assertThat(determinant(new double[][] {{0, 1}, {1, 0}})).isCloseTo(-1.0, Offset.offset(1e-12));
    }

    @Test
    void eachLayersLogDetIsTheLogDeterminantOfItsNumericalJacobian() {
        SplittableRandom r = new SplittableRandom(5);
        Flow[] flows = {new PlanarFlow(), new InverseAutoregressiveFlow(false), new InverseAutoregressiveFlow(true)};
        String[] names = {"planar", "iaf", "iaf-reversed"};
        int d = 3;
        for (int f = 0; f < flows.length; f++) {
            for (int trial = 0; trial < 5; trial++) {
                double[] z = gaussian(r, d, 1.0);
                double[] params = gaussian(r, flows[f].parameterCount(d), 1.0);
                Local l = local(flows[f], names[f], z, params);
                double det = determinant(l.jacobian());
                assertThat(det).as("%s, trial %d: det of the Jacobian", names[f], trial).isPositive();
                assertThat(l.logDet()).as("%s, trial %d: log|det| against log det of the numerical Jacobian",
                        names[f], trial).isCloseTo(Math.log(Math.abs(det)), Offset.offset(1e-7));
                assertThat(Math.abs(l.logDet())).as("%s, trial %d: a non-trivial log|det|", names[f], trial)
                        .isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void thePlanarLayerIsInvertibleForRandomUAndW() {
        SplittableRandom r = new SplittableRandom(9);
        int d = 3;
        int rows = 2000;
        double[] u = new double[rows * d];
        double[] w = new double[rows * d];
        int violatedRaw = 0;
        for (int i = 0; i < rows; i++) {
            double su = Math.exp(2 * r.nextGaussian());
            double sw = Math.exp(2 * r.nextGaussian());
            double dot = 0;
            for (int j = 0; j < d; j++) {
                w[i * d + j] = sw * r.nextGaussian();
                // Half the rows point u against w, so that the raw wᵀu is often below −1.
                u[i * d + j] = su * r.nextGaussian() - (i % 2 == 0 ? su * w[i * d + j] / sw * 3 : 0);
                dot += u[i * d + j] * w[i * d + j];
            }
            violatedRaw += dot < -1 ? 1 : 0;
        }
        CompiledFunction f = workspace.compile("test/flow/planar-uhat", List.of(
                TensorSpec.of(DType.FLOAT64, rows, d), TensorSpec.of(DType.FLOAT64, rows, d)), (ops, in) -> {
                    Tensor uHat = PlanarFlow.reparameterisedU(in.get(0), in.get(1));
                    return List.of(uHat.mul(in.get(1)).sum(1));
                });
        List<DeviceArray> out = f.call(HostArray.of(Shape.of(rows, d), u), HostArray.of(Shape.of(rows, d), w));
        double[] wuHat = out.get(0).toHost().doubles();
        out.forEach(DeviceArray::close);
        assertThat(violatedRaw).as("rows whose raw wᵀu < −1 (the layer would not be invertible)").isGreaterThan(500);
        for (int i = 0; i < rows; i++) {
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += u[i * d + j] * w[i * d + j];
            }
            double expected = -1 + (dot > 30 ? dot + Math.log1p(Math.exp(-dot)) : Math.log1p(Math.exp(dot)));
            // −1 + softplus(a) > −1 exactly; rounding in û may cost ~1e-11 where |wᵀu| is ~1e5.
            assertThat(wuHat[i]).as("row %d: wᵀû (raw wᵀu = %s)", i, dot).isGreaterThanOrEqualTo(-1.0 - 1e-9)
                    .isCloseTo(expected, Offset.offset(1e-9 * Math.max(1, Math.abs(expected))));
        }
        // And the layer's log|det| = log|1 + h' wᵀû| is finite on every row at random points.
        double[] z = gaussian(r, rows * d, 1.0);
        double[] params = new double[rows * (2 * d + 1)];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(u, i * d, params, i * (2 * d + 1), d);
            System.arraycopy(w, i * d, params, i * (2 * d + 1) + d, d);
            params[i * (2 * d + 1) + 2 * d] = r.nextGaussian();
        }
        double[][] y = forward(new PlanarFlow(), "planar", d, z, params);
        for (int i = 0; i < rows; i++) {
            assertThat(y[1][i]).as("row %d: log|det|", i).isFinite();
        }
    }

    @Test
    void anIafLayersJacobianIsTriangularInItsOrdering() {
        SplittableRandom r = new SplittableRandom(13);
        int d = 4;
        for (boolean reversed : new boolean[] {false, true}) {
            InverseAutoregressiveFlow flow = new InverseAutoregressiveFlow(reversed);
            double[] z = gaussian(r, d, 1.0);
            double[] params = gaussian(r, flow.parameterCount(d), 1.0);
            Local l = local(flow, reversed ? "iaf-reversed" : "iaf", z, params);
            double[] s = new double[d];
            for (int j = 0; j < d; j++) {
                s[j] = params[2 * d * d + d + j];
                for (int i = 0; i < d; i++) {
                    s[j] += flow.precedes(i, j) ? z[i] * params[d * d + i * d + j] : 0;
                }
            }
            int dependent = 0;
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < d; i++) {
                    double v = l.jacobian()[j][i];
                    if (i == j) {
                        assertThat(v).as("reversed %s: ∂z'_%d/∂z_%d = σ(s_%d)", reversed, j, i, j)
                                .isCloseTo(1 / (1 + Math.exp(-s[j])), Offset.offset(1e-8));
                    } else if (flow.precedes(i, j)) {
                        dependent += Math.abs(v) > 1e-3 ? 1 : 0;
                    } else {
                        assertThat(Math.abs(v)).as("reversed %s: ∂z'_%d/∂z_%d (z_%d does not precede z_%d)",
                                reversed, j, i, i, j).isLessThan(1e-9);
                    }
                }
            }
            assertThat(dependent).as("reversed %s: entries where an output depends on a preceding input",
                    reversed).isEqualTo(d * (d - 1) / 2);
        }
    }
}
