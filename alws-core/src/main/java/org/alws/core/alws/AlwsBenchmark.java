package org.alws.core.alws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.learn.LearnerContext;
import org.alws.api.regress.Kernel;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.Value;

/**
 * Times one ALWS step split into its phases (sleep, regression, backward pass, update) and, in the same process,
 * the bare backend operations of the same sizes: Gram matrix, Cholesky factorisation and two triangular solves
 * against the N×M cross-kernel. Each figure is the median over repetitions after warm-up calls.
 */
public final class AlwsBenchmark {

    /**
     * Median seconds of each phase for N sleep samples and M wake points.
     *
     * @param n sleep samples
     * @param m wake points
     * @param sleep drawing the N joint samples
     * @param regression fitting the smoother and evaluating α(X*) (median bandwidth, factorisation, solves)
     * @param backward the weighted backward pass (gradient only)
     * @param update the optimiser update: the fused gradient-and-update step minus the backward pass (median of
     *     paired differences)
     * @param bare Gram matrix + Cholesky + two triangular solves, as one bare backend function
     */
    public record Timing(int n, int m, double sleep, double regression, double backward, double update,
            double bare) {
        /** Regression time over the bare operations' time. */
        public double regressionOverBare() {
            return regression / bare;
        }

        /** The whole step: sleep + regression + backward + update. */
        public double total() {
            return sleep + regression + backward + update;
        }
    }

    private AlwsBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param context a run context whose regressor is exact kernel ridge regression
     * @param kernel the regressor's kernel, for the bare operations
     * @param wake M wake points
     * @param repeats timed repetitions per phase
     */
    public static Timing run(LearnerContext context, AlwsOptions options, Kernel kernel, HostArray wake, int n,
            int repeats) {
        int m = Math.toIntExact(wake.shape().dim(0));
        AlwsLearner learner = new AlwsLearner(options.withSleepSamples(n));
        boolean expfam = learner.usesExponentialFamily(context.structure());
        AlwsFunctions f = new AlwsFunctions(context, context.regressor().orElseThrow(), expfam, n, m);
        CompiledFunction sleepFn = f.sleep();
        CompiledFunction regressFn = f.regress();
        CompiledFunction gradientFn = f.gradient();
        CompiledFunction stepFn = f.step();
        double[] c = new double[m];
        Arrays.fill(c, 1.0 / m);
        HostArray weights = HostArray.of(Shape.of(m), c);
        HostArray seed = context.seeds().child("benchmark").statelessSeed(0);
        HostArray jitter = HostArray.scalar(0);

        List<DeviceArray> samples = sleepFn.call(seed);
        DeviceArray sleepX = samples.get(samples.size() - 1);
        List<DeviceArray> reg = regressFn.call(sleepX, wake, jitter, seed);
        DeviceArray alpha = reg.get(0);
        List<Value> args = new ArrayList<>(samples);
        args.add(alpha);
        args.add(wake);
        args.add(weights);
        CompiledFunction bareFn = bare(context, kernel, sleepX, wake);
        try {
            double sleep = median(repeats, () -> sleepFn.call(seed));
            double regression = median(repeats, () -> regressFn.call(sleepX, wake, jitter, seed));
            double[] backwardAndUpdate = pairedMedians(repeats, () -> gradientFn.call(args), () -> stepFn.call(args));
            double bareTime = median(repeats, () -> bareFn.call(sleepX, wake));
            return new Timing(n, m, sleep, regression, backwardAndUpdate[0], backwardAndUpdate[1], bareTime);
        } finally {
            reg.forEach(DeviceArray::close);
            samples.forEach(DeviceArray::close);
        }
    }

    /** Gram matrix (bandwidth 1), Cholesky and two triangular solves of the same sizes as the regression. */
    private static CompiledFunction bare(LearnerContext context, Kernel kernel, Value sleepX, Value wake) {
        return context.workspace().compile("bench/bare", List.of(TensorSpec.of(sleepX), TensorSpec.of(wake)),
                (ops, in) -> {
                    Tensor x = in.get(0).flattenTrailing().cast(ops.floatType());
                    Tensor q = in.get(1).flattenTrailing().cast(ops.floatType());
                    Tensor one = ops.scalar(1.0);
                    Tensor k = kernel.gram(x, x, one).add(ops.eye(x.dim(0)).mul(1e-3));
                    Tensor l = ops.cholesky(k);
                    Tensor half = ops.triangularSolve(l, kernel.gram(x, q, one), true, false);
                    return List.of(ops.triangularSolve(l, half, true, true));
                });
    }

    /**
     * The median time of {@code first} and the median of the paired differences {@code second - first}, timing the
     * two alternately so that both see the same machine state.
     */
    static double[] pairedMedians(int repeats, Supplier<List<DeviceArray>> first,
            Supplier<List<DeviceArray>> second) {
        for (int i = 0; i < 2; i++) {
            first.get().forEach(DeviceArray::close);
            second.get().forEach(DeviceArray::close);
        }
        double[] a = new double[repeats];
        double[] d = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            a[i] = time(first);
            d[i] = Math.max(0, time(second) - a[i]);
        }
        return new double[] {median(a), median(d)};
    }

    private static double time(Supplier<List<DeviceArray>> call) {
        long t0 = System.nanoTime();
        List<DeviceArray> out = call.get();
        double t = (System.nanoTime() - t0) / 1e9;
        out.forEach(DeviceArray::close);
        return t;
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Median wall time of {@code repeats} calls after two warm-up calls; outputs are closed, not copied. */
    static double median(int repeats, Supplier<List<DeviceArray>> call) {
        for (int i = 0; i < 2; i++) {
            call.get().forEach(DeviceArray::close);
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            t[i] = time(call);
        }
        return median(t);
    }
}
