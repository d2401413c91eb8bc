package org.alws.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Central finite-difference checks of backend gradients in float64: for a scalar function f of some inputs, the
 * gradient from {@link TensorOps#gradients} must match (f(x + h e_i) - f(x - h e_i)) / 2h for every element.
 */
final class GradientCheck {
    private GradientCheck() {
    }

    /** Returns the maximum relative error over all elements of all inputs. */
    static double maxRelativeError(Workspace ws, String name, List<HostArray> inputs,
            BiFunction<TensorOps, List<Tensor>, Tensor> f, double h) {
        List<TensorSpec> specs = new ArrayList<>();
        for (HostArray a : inputs) {
            specs.add(TensorSpec.of(a));
        }
        CompiledFunction value = ws.compile(name + "/value", specs, (ops, in) -> List.of(f.apply(ops, in)));
        CompiledFunction grad = ws.compile(name + "/grad", specs, (ops, in) -> {
            Tensor y = f.apply(ops, in);
            return ops.gradients(y, in);
        });
        List<HostArray> analytic = new ArrayList<>();
        for (DeviceArray d : grad.call(inputs)) {
            analytic.add(d.toHost());
            d.close();
        }
        double worst = 0;
        for (int k = 0; k < inputs.size(); k++) {
            double[] x = inputs.get(k).doubles();
            for (int i = 0; i < x.length; i++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[i] += h;
                minus[i] -= h;
                double fp = eval(value, inputs, k, HostArray.of(inputs.get(k).shape(), plus));
                double fm = eval(value, inputs, k, HostArray.of(inputs.get(k).shape(), minus));
                double fd = (fp - fm) / (2 * h);
                double an = analytic.get(k).get(i);
                double err = Math.abs(fd - an) / Math.max(1e-3, Math.max(Math.abs(fd), Math.abs(an)));
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }

    private static double eval(CompiledFunction f, List<HostArray> inputs, int k, HostArray replaced) {
        List<HostArray> in = new ArrayList<>(inputs);
        in.set(k, replaced);
        List<DeviceArray> out = f.call(in);
        double v = out.get(0).toHost().scalarValue();
        out.forEach(DeviceArray::close);
        return v;
    }

    static HostArray randomMatrix(SplittableRandom r, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return HostArray.of(org.alws.api.tensor.Shape.of(rows, cols), v);
    }

    /** A random symmetric positive-definite matrix B Bᵀ + n I. */
    static HostArray randomSpd(SplittableRandom r, int n) {
        double[] b = randomMatrix(r, n, n).doubles();
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s;
            }
        }
        return HostArray.of(org.alws.api.tensor.Shape.of(n, n), a);
    }

    static void assertSmall(double err, double tolerance) {
        assertThat(err).as("max relative error against finite differences").isLessThan(tolerance);
    }

    static DType f64() {
        return DType.FLOAT64;
    }
}
