package org.alws.core.regress;

import static org.alws.core.regress.RegressionFixture.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.kernel.MaternKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code learnHyperparameters} the held-out error of the random-feature and Nyström smoothers is differentiable
 * in the log bandwidth factor and the log ridge, with gradients that match finite differences (what ALWS's kernel
 * step needs); without it, nothing is created among the hyper-parameters.
 */
class LearnedScalesTest {
    private RegressionFixture fx;

    @BeforeEach
    void open() {
        fx = new RegressionFixture();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static double f(double x0, double x1) {
        return Math.sin(2 * x0) * Math.cos(x1);
    }

    /** The held-out squared error and its gradients with respect to every hyper-parameter, in creation order. */
    private HostArray[] lossAndGradients(CompiledFunction function, HostArray xs, HostArray ts, HostArray xv,
            HostArray tv) {
        List<DeviceArray> out = function.call(xs, ts, xv, tv);
        HostArray[] h = new HostArray[out.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = out.get(i).toHost();
        }
        out.forEach(DeviceArray::close);
        return h;
    }

    private void check(Regressor regressor) {
        SplittableRandom r = new SplittableRandom(41);
        HostArray xs = uniform(r, 120, 2, -2, 2);
        HostArray xv = uniform(r, 30, 2, -2, 2);
        double[] ts = new double[120];
        double[] tv = new double[30];
        for (int i = 0; i < 120; i++) {
            ts[i] = f(xs.get(2 * i), xs.get(2 * i + 1)) + 0.1 * r.nextGaussian();
        }
        for (int i = 0; i < 30; i++) {
            tv[i] = f(xv.get(2 * i), xv.get(2 * i + 1));
        }
        HostArray tsa = HostArray.of(Shape.of(120, 1), ts);
        HostArray tva = HostArray.of(Shape.of(30, 1), tv);
        List<Variable> vars = new ArrayList<>();
        CompiledFunction function = fx.ws.compile("learned/fit", List.of(TensorSpec.of(xs),
                TensorSpec.of(tsa), TensorSpec.of(xv), TensorSpec.of(tva)), (ops, in) -> {
                    Tensor prediction = regressor.fit(in.get(0), fx.context(ops, 4, 5)).predict(in.get(2),
                            in.get(1));
                    Tensor loss = prediction.sub(in.get(3)).square().mean();
                    vars.addAll(fx.hyper.variables().values());
                    List<Tensor> xsv = new ArrayList<>();
                    for (Variable v : vars) {
                        xsv.add(ops.read(v));
                    }
                    List<Tensor> out = new ArrayList<>(List.of(loss));
                    out.addAll(ops.gradients(loss, xsv));
                    return out;
                });
        assertThat(fx.hyper.variables().keySet()).as("hyper-parameters of %s", regressor)
                .containsExactlyInAnyOrder(KernelScales.LOG_BANDWIDTH_SCALE, KernelScales.LOG_RIDGE);
        HostArray[] base = lossAndGradients(function, xs, tsa, xv, tva);
        double h = 1e-5;
        for (int k = 0; k < vars.size(); k++) {
            Variable v = vars.get(k);
            double value = fx.ws.read(v).scalarValue();
            double analytic = base[1 + k].scalarValue();
            fx.ws.write(v, HostArray.scalar(value + h));
            double up = lossAndGradients(function, xs, tsa, xv, tva)[0].scalarValue();
            fx.ws.write(v, HostArray.scalar(value - h));
            double down = lossAndGradients(function, xs, tsa, xv, tva)[0].scalarValue();
            fx.ws.write(v, HostArray.scalar(value));
            double numeric = (up - down) / (2 * h);
            assertThat(analytic).as("%s: d loss / d %s", regressor, v.name()).isNotZero()
                    .isCloseTo(numeric, within(1e-5 * Math.max(1e-3, Math.abs(numeric))));
        }
    }

    @Test
    void randomFeatureWeightsAreDifferentiableInTheLearnedScales() {
        for (Kernel kernel : List.of(new GaussianKernel(), MaternKernel.matern52())) {
            for (int count : new int[] {60, 300}) {
                fx.close();
                fx = new RegressionFixture();
                check(new RandomFeatureRegressor(RandomFeatureOptions.defaults().withFeatures(count)
                        .withRidgeAndBandwidth(0.05, "median").withLearnHyperparameters(true), kernel));
            }
        }
    }

    @Test
    void nystromWeightsAreDifferentiableInTheLearnedScales() {
        check(new NystromRegressor(NystromOptions.defaults().withInducingPoints(40, NystromOptions.UNIFORM)
                .withRidgeAndBandwidth(0.05, "median").withLearnHyperparameters(true), new GaussianKernel()));
    }

    @Test
    void withoutLearningNothingIsCreatedAmongTheHyperParameters() {
        HostArray xs = uniform(new SplittableRandom(42), 50, 3, -1, 1);
        for (Regressor r : List.of(
                new RandomFeatureRegressor(RandomFeatureOptions.defaults().withFixedFeatures(true)
                        .withFeatureMap(FeatureMaps.PROJECTION, 4), new GaussianKernel()),
                new NystromRegressor(NystromOptions.defaults().withInducingPoints(10, NystromOptions.UNIFORM)
                        .withFeatureMap(FeatureMaps.PROJECTION, 4), new GaussianKernel()))) {
            fx.run(List.of(xs), (ops, in) -> List.of(r.fit(in.get(0), fx.context(ops, 1, 1)).weights(in.get(0))));
            assertThat(fx.hyper.variables()).as("hyper-parameters after fitting %s", r).isEqualTo(Map.of());
        }
    }
}
