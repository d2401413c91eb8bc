package org.alws.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.contract.RegressorContract;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.Regressor;
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
 * Learned kernel scales ({@link KernelScales} with {@code learned = true}) in float64: they start exactly where the
 * fixed rules are, live in the hyper-parameters only when learned, and the held-out error of a fit is
 * differentiable through the Cholesky solve with respect to them (against central finite differences), also through
 * a learned feature network.
 */
class LearnedKernelScalesTest {
    private Workspace ws;
    private Parameters hyper;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
        hyper = new Parameters(ws, SeedStream.root(11).child("init").child("regressor"), "regressor/");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static HostArray uniform(SplittableRandom r, int n, int d) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return HostArray.of(Shape.of(n, d), v);
    }

    /** Targets sin(2 x₀) + noise, [n, 1]. */
    private static HostArray targets(SplittableRandom r, HostArray x, int d) {
        int n = Math.toIntExact(x.shape().dim(0));
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.sin(2 * x.get(i * d)) + 0.2 * r.nextGaussian();
        }
        return HostArray.of(Shape.of(n, 1), t);
    }

    /**
     * f(xs, ts, xv, tv) -> held-out loss mean((α(xv) ts − tv)²), the weights α(xv), then the gradient of the loss
     * with respect to every hyper-parameter (in creation order).
     */
    private CompiledFunction heldOut(String name, Regressor regressor, HostArray xs, HostArray ts, HostArray xv,
            HostArray tv) {
        return ws.compile(name, List.of(TensorSpec.of(xs), TensorSpec.of(ts), TensorSpec.of(xv), TensorSpec.of(tv)),
                (ops, in) -> {
                    LinearSmoother s = regressor.fit(in.get(0), new RegressorContract.Context(ops,
                            ops.scalar(0.0), seed(ops), hyper));
                    Tensor alpha = s.weights(in.get(2));
                    Tensor loss = alpha.matmul(in.get(1)).sub(in.get(3)).square().mean();
                    List<Tensor> reads = hyper.variables().values().stream().map(ops::read).toList();
                    List<Tensor> out = new java.util.ArrayList<>(List.of(loss, alpha));
                    out.addAll(ops.gradients(loss, reads));
                    return out;
                });
    }

    private static Tensor seed(TensorOps ops) {
        return ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {3, 4}));
    }

    private static List<HostArray> call(CompiledFunction f, HostArray... in) {
        List<DeviceArray> out = f.call(in);
        List<HostArray> host = out.stream().map(DeviceArray::toHost).toList();
        out.forEach(DeviceArray::close);
        return host;
    }

    @Test
    void fixedScalesCreateNoHyperParametersAndLearnedOnesStartAtTheFixedRules() {
        SplittableRandom r = new SplittableRandom(1);
        HostArray xs = uniform(r, 60, 2);
        HostArray ts = targets(r, xs, 2);
        HostArray xv = uniform(r, 15, 2);
        HostArray tv = targets(r, xv, 2);
        KernelRidgeOptions fixed = KernelRidgeOptions.of(0.05, "median", 1, 256);
        List<HostArray> a = call(heldOut("fixed", new KernelRidgeRegressor(fixed, new GaussianKernel()), xs, ts, xv,
                tv), xs, ts, xv, tv);
        assertThat(hyper.variables()).as("hyper-parameters of a fixed-scale fit").isEmpty();
        List<HostArray> b = call(heldOut("learned", new KernelRidgeRegressor(fixed.withLearnHyperparameters(true),
                new GaussianKernel()), xs, ts, xv, tv), xs, ts, xv, tv);
        assertThat(hyper.variables().keySet()).as("hyper-parameters of a learned fit")
                .containsExactly(KernelScales.LOG_BANDWIDTH_SCALE, KernelScales.LOG_RIDGE);
        assertThat(hyper.values().get(KernelScales.LOG_BANDWIDTH_SCALE).scalarValue()).isEqualTo(0.0);
        assertThat(hyper.values().get(KernelScales.LOG_RIDGE).scalarValue()).isEqualTo(Math.log(0.05));
        // exp(log 0.05) is 0.05 up to one rounding: the weights agree to round-off.
        assertThat(b.get(1).doubles()).containsExactly(a.get(1).doubles(), within(1e-12));
    }

    /** Central differences of the held-out loss in each hyper-parameter, against the backend's gradient. */
    private void gradientsMatchFiniteDifferences(Regressor regressor, String name, double tolerance) {
        SplittableRandom r = new SplittableRandom(7);
        HostArray xs = uniform(r, 80, 1);
        HostArray ts = targets(r, xs, 1);
        HostArray xv = uniform(r, 25, 1);
        HostArray tv = targets(r, xv, 1);
        CompiledFunction f = heldOut(name, regressor, xs, ts, xv, tv);
        List<HostArray> base = call(f, xs, ts, xv, tv);
        Map<String, Variable> vars = hyper.variables();
        int g = 2;
        double h = 1e-5;
        for (Map.Entry<String, Variable> e : vars.entrySet()) {
            HostArray value = ws.read(e.getValue());
            double[] analytic = base.get(g++).doubles();
            // At most 6 coordinates per variable: the first, the last and four in between.
            int size = value.size();
            for (int k = 0; k < Math.min(size, 6); k++) {
                int i = size <= 6 ? k : (int) ((long) k * (size - 1) / 5);
                double[] plus = value.doubles().clone();
                double[] minus = value.doubles().clone();
                plus[i] += h;
                minus[i] -= h;
                ws.write(e.getValue(), HostArray.of(value.shape(), plus));
                double lp = call(f, xs, ts, xv, tv).get(0).scalarValue();
                ws.write(e.getValue(), HostArray.of(value.shape(), minus));
                double lm = call(f, xs, ts, xv, tv).get(0).scalarValue();
                ws.write(e.getValue(), value);
                double numeric = (lp - lm) / (2 * h);
                assertThat(analytic[i]).as("∂loss/∂%s[%d] (loss %s)", e.getKey(), i, base.get(0).scalarValue())
                        .isCloseTo(numeric, within(tolerance * Math.max(1e-3, Math.abs(numeric))));
            }
        }
    }

    @Test
    void gradientsThroughTheSolveMatchFiniteDifferences() {
        // Start away from the defaults so that both derivatives are clearly non-zero.
        KernelRidgeOptions o = KernelRidgeOptions.of(0.3, "median", 0.5, 256).withLearnHyperparameters(true);
        gradientsMatchFiniteDifferences(new KernelRidgeRegressor(o, new GaussianKernel()), "fd-median", 1e-6);
        assertThat(hyper.variables()).hasSize(2);
    }

    @Test
    void gradientsThroughAFixedBandwidthAndALearnedFeatureNetworkMatchFiniteDifferences() {
        KernelRidgeOptions o = KernelRidgeOptions.of(0.3, "0.7", 1, 256).withLearnHyperparameters(true)
                .withFeatureMap(FeatureMaps.NETWORK, 4);
        gradientsMatchFiniteDifferences(new KernelRidgeRegressor(o, new GaussianKernel()), "fd-network", 1e-6);
        assertThat(hyper.variables().keySet()).containsExactly("network/w0", "network/b0", "network/w1",
                "network/b1", KernelScales.LOG_BANDWIDTH_SCALE, KernelScales.LOG_RIDGE);
    }

    @Test
    void gradientsOfTheNeuralRegressorMatchFiniteDifferences() {
        NeuralRegressorOptions d = NeuralRegressorOptions.defaults();
        NeuralRegressorOptions o = new NeuralRegressorOptions(List.of(6, 5), 4, d.activation(), true, 0.1, true);
        gradientsMatchFiniteDifferences(new NeuralRegressor(o), "fd-neural", 1e-6);
        assertThat(hyper.variables().keySet()).containsExactly("network/w0", "network/b0", "network/w1",
                "network/b1", "network/w2", "network/b2", KernelScales.LOG_RIDGE);
    }
}
