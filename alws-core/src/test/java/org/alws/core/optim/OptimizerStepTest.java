package org.alws.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single steps of {@link Adam} and {@link Sgd}, applied through {@link ParameterUpdates} on the TensorFlow backend,
 * against values worked out by hand from the update rules. The loss is {@code Σ g_i x_i}, so the gradient is exactly
 * the input {@code g}. The gradients include a zero and one of the size of Adam's ε, where the placement of ε shows.
 */
class OptimizerStepTest {
    private static final double[] X0 = {1.0, -0.5, 2.0, 0.25, 3.0};
    /** First gradient: ordinary sizes, a tiny one (1e-8 = Adam's ε) and a zero. */
    private static final double[] G1 = {0.5, -2.0, 1e-3, 1e-8, 0.0};
    private static final double[] G2 = {-0.25, -1.0, 4.0, 1e-8, 0.5};
    private Workspace ws;
    private Variable x;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
        x = ws.variable("model/x", HostArray.vector(X0));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** One guarded step of {@code optimizer} with the given gradient. */
    private void step(Optimizer optimizer, double[] gradient) {
        CompiledFunction f = ws.compile("step/" + optimizer, List.of(TensorSpec.of(DType.FLOAT64, X0.length)),
                (ops, in) -> {
                    Tensor value = ops.read(x);
                    Tensor loss = value.mul(in.get(0)).sum();
                    Tensor g = ops.gradients(loss, List.of(value)).get(0);
                    return List.of(ParameterUpdates.apply(ops, ws, optimizer, Map.of(x, g), loss, 0));
                });
        f.call(HostArray.vector(gradient)).forEach(DeviceArray::close);
    }

    private double[] read(String name) {
        return ws.read(ws.findVariable(name).orElseThrow()).doubles();
    }

    private static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], within(1e-15 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void theFirstAdamStepMovesEachParameterByTheLearningRateTimesTheGradientsSign() {
        step(new Adam(AdamOptions.defaults()), G1);
        // Bias correction makes m̂ = g and v̂ = g², so the step is lr g / (|g| + ε): lr for ordinary gradients,
        // lr / 2 for |g| = ε, nothing for g = 0.
        double[] expected = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            expected[i] = X0[i] - 1e-3 * G1[i] / (Math.abs(G1[i]) + 1e-8);
        }
        assertClose("x after one Adam step", read("model/x"), expected);
        assertThat(read("model/x")[1]).as("step for g = −2: lr, up to ε / |g|").isCloseTo(-0.5 + 1e-3, within(1e-11));
        assertThat(read("model/x")[3]).as("step for g = ε").isCloseTo(0.25 - 0.5e-3, within(1e-15));
        assertThat(read("model/x")[4]).as("step for g = 0").isEqualTo(3.0);
        double[] m = new double[X0.length];
        double[] v = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            m[i] = 0.1 * G1[i];
            v[i] = 0.001 * G1[i] * G1[i];
        }
        assertClose("first moment m = (1 − β1) g", read("opt/model/x/m"), m);
        assertClose("second moment v = (1 − β2) g²", read("opt/model/x/v"), v);
        assertThat(read(ParameterUpdates.STEP_VARIABLE)).containsExactly(1.0);
    }

    @Test
    void theSecondAdamStepUsesBothMomentsWithBiasCorrection() {
        Adam adam = new Adam(AdamOptions.defaults());
        step(adam, G1);
        double[] x1 = read("model/x").clone();
        step(adam, G2);
        double[] expected = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            double m = 0.9 * 0.1 * G1[i] + 0.1 * G2[i];
            double v = 0.999 * 0.001 * G1[i] * G1[i] + 0.001 * G2[i] * G2[i];
            double mHat = m / (1 - 0.9 * 0.9);
            double vHat = v / (1 - 0.999 * 0.999);
            expected[i] = x1[i] - 1e-3 * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        assertClose("x after two Adam steps", read("model/x"), expected);
        assertThat(read(ParameterUpdates.STEP_VARIABLE)).containsExactly(2.0);
    }

    @Test
    void adamWeightDecayShrinksTheParameterByLearningRateTimesDecay() {
        step(new Adam(new AdamOptions(0.01, 0.9, 0.999, 1e-8, 0.1)), G1);
        double[] expected = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            expected[i] = X0[i] - 0.01 * G1[i] / (Math.abs(G1[i]) + 1e-8) - 0.01 * 0.1 * X0[i];
        }
        assertClose("x after one AdamW step", read("model/x"), expected);
    }

    @Test
    void sgdWithMomentumAccumulatesTheVelocity() {
        Sgd sgd = new Sgd(new SgdOptions(0.1, 0.9, false));
        step(sgd, G1);
        double[] x1 = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            x1[i] = X0[i] - 0.1 * G1[i];
        }
        assertClose("x after one step: x0 − lr g1", read("model/x"), x1);
        assertClose("velocity after one step: g1", read("opt/model/x/velocity"), G1);
        step(sgd, G2);
        double[] v2 = new double[X0.length];
        double[] x2 = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            v2[i] = 0.9 * G1[i] + G2[i];
            x2[i] = x1[i] - 0.1 * v2[i];
        }
        assertClose("velocity after two steps: μ g1 + g2", read("opt/model/x/velocity"), v2);
        assertClose("x after two steps: x1 − lr (μ g1 + g2)", read("model/x"), x2);
    }

    @Test
    void nesterovLooksAheadAlongTheVelocity() {
        Sgd sgd = new Sgd(new SgdOptions(0.1, 0.9, true));
        step(sgd, G1);
        double[] x1 = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            x1[i] = X0[i] - 0.1 * (G1[i] + 0.9 * G1[i]);
        }
        assertClose("x after one Nesterov step: x0 − lr (g1 + μ g1)", read("model/x"), x1);
        step(sgd, G2);
        double[] x2 = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            double v2 = 0.9 * G1[i] + G2[i];
            x2[i] = x1[i] - 0.1 * (G2[i] + 0.9 * v2);
        }
        assertClose("x after two Nesterov steps: x1 − lr (g2 + μ v2)", read("model/x"), x2);
    }

    @Test
    void plainSgdHasNoSlotsAndStepsAgainstTheGradient() {
        Sgd sgd = new Sgd(new SgdOptions(0.1, 0.0, false));
        assertThat(sgd.slotNames()).isEmpty();
        step(sgd, G1);
        double[] x1 = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            x1[i] = X0[i] - 0.1 * G1[i];
        }
        assertClose("x after one plain SGD step", read("model/x"), x1);
        assertThat(ws.variables()).extracting(Variable::name)
                .containsExactly("model/x", ParameterUpdates.STEP_VARIABLE);
    }
}
