package org.alws.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
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
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ParameterUpdates} with a heavy-ball optimiser written here: one compiled step applies exactly the
 * optimiser's update to every parameter and slot and counts the step; a non-finite loss or gradient leaves every
 * variable bit-for-bit unchanged; clipping rescales the global gradient norm to the limit.
 */
class ParameterUpdatesTest {
    private static final double LR = 0.1;
    private static final double MU = 0.5;
    private Workspace ws;
    private Variable w;
    private Variable u;

    /** v ← μ v + g; x ← x − lr v. */
    record HeavyBall(double lr, double mu) implements Optimizer {
        @Override
        public List<String> slotNames() {
            return List.of("velocity");
        }

        @Override
        public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
            Tensor v = slots.get("velocity").mul(mu).add(gradient);
            return new Update(value.sub(v.mul(lr)), Map.of("velocity", v));
        }
    }

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
        w = ws.variable("model/w", HostArray.vector(1.0, -2.0, 0.5));
        u = ws.variable("model/u", HostArray.of(Shape.of(2, 1), new double[] {0.25, 3.0}));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /**
     * One step on loss = k · (½‖w − c‖² + Σ sqrt|u − d|); returns (loss, norm). With d = u the loss is finite but
     * the gradient of sqrt|·| at 0 is NaN.
     */
    private CompiledFunction step(double clipNorm) {
        List<TensorSpec> specs = List.of(TensorSpec.of(DType.FLOAT64, 3), TensorSpec.of(DType.FLOAT64, 2, 1),
                TensorSpec.of(DType.FLOAT64));
        return ws.compile("step" + clipNorm, specs, (ops, in) -> {
                    Tensor wv = ops.read(w);
                    Tensor uv = ops.read(u);
                    Tensor loss = wv.sub(in.get(0)).square().sum().mul(0.5).add(uv.sub(in.get(1)).abs().sqrt().sum())
                            .mul(in.get(2));
                    List<Tensor> g = ops.gradients(loss, List.of(wv, uv));
                    Map<Variable, Tensor> grads = new LinkedHashMap<>();
                    grads.put(w, g.get(0));
                    grads.put(u, g.get(1));
                    Tensor norm = ParameterUpdates.apply(ops, ws, new HeavyBall(LR, MU), grads, loss, clipNorm);
                    return List.of(loss, norm);
                });
    }

    private Map<String, HostArray> snapshot() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (Variable v : ws.variables()) {
            out.put(v.name(), ws.read(v));
        }
        return out;
    }

    private static final HostArray C = HostArray.vector(0.0, 1.0, 2.0);
    private static final HostArray D = HostArray.of(Shape.of(2, 1), new double[] {-0.75, 7.0});

    /** The gradient of the loss at (w, u) for k = 1: (w − c, sign(u − d) / (2 sqrt|u − d|)). */
    private static double[] gradient(double[] wv, double[] uv) {
        double[] g = new double[5];
        for (int i = 0; i < 3; i++) {
            g[i] = wv[i] - C.get(i);
        }
        for (int i = 0; i < 2; i++) {
            double r = uv[i] - D.get(i);
            g[3 + i] = Math.signum(r) / (2 * Math.sqrt(Math.abs(r)));
        }
        return g;
    }

    @Test
    void aCompiledStepAppliesTheOptimiserToEveryParameterAndSlot() {
        CompiledFunction f = step(0);
        double[] w0 = ws.read(w).doubles().clone();
        double[] u0 = ws.read(u).doubles().clone();
        double[] g1 = gradient(w0, u0);
        List<HostArray> out = Traced.copy(f.call(C, D, HostArray.scalar(1)));
        double norm = 0;
        for (double x : g1) {
            norm += x * x;
        }
        assertThat(out.get(1).scalarValue()).isCloseTo(Math.sqrt(norm), within(1e-12));
        Map<String, HostArray> s = snapshot();
        assertThat(s.keySet()).containsExactlyInAnyOrder("model/w", "model/u", "opt/step", "opt/model/w/velocity",
                "opt/model/u/velocity");
        assertThat(s.get("opt/step").scalarValue()).isEqualTo(1.0);
        double[] w1 = s.get("model/w").doubles();
        double[] u1 = s.get("model/u").doubles();
        for (int i = 0; i < 3; i++) {
            assertThat(s.get("opt/model/w/velocity").get(i)).isCloseTo(g1[i], within(1e-12));
            assertThat(w1[i]).isCloseTo(w0[i] - LR * g1[i], within(1e-12));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(s.get("opt/model/u/velocity").get(i)).isCloseTo(g1[3 + i], within(1e-12));
            assertThat(u1[i]).isCloseTo(u0[i] - LR * g1[3 + i], within(1e-12));
        }
        assertThat(s.get("opt/model/u/velocity").shape()).isEqualTo(Shape.of(2, 1));
        // A second step uses the slots of the first.
        double[] g2 = gradient(w1, u1);
        Traced.copy(f.call(C, D, HostArray.scalar(1)));
        Map<String, HostArray> t = snapshot();
        assertThat(t.get("opt/step").scalarValue()).isEqualTo(2.0);
        for (int i = 0; i < 3; i++) {
            double v = MU * g1[i] + g2[i];
            assertThat(t.get("opt/model/w/velocity").get(i)).isCloseTo(v, within(1e-12));
            assertThat(t.get("model/w").get(i)).isCloseTo(w1[i] - LR * v, within(1e-12));
        }
    }

    @Test
    void aNonFiniteLossOrGradientChangesNothing() {
        CompiledFunction f = step(0);
        for (int i = 0; i < 3; i++) {
            Traced.copy(f.call(C, D, HostArray.scalar(1)));
        }
        Map<String, HostArray> before = snapshot();
        assertThat(before.get("opt/model/w/velocity").doubles()).doesNotContain(0.0);

        List<HostArray> nanLoss = Traced.copy(f.call(C, D, HostArray.scalar(Double.NaN)));
        assertThat(nanLoss.get(0).scalarValue()).isNaN();
        assertThat(snapshot()).isEqualTo(before);

        List<HostArray> infLoss = Traced.copy(f.call(C, D, HostArray.scalar(Double.POSITIVE_INFINITY)));
        assertThat(infLoss.get(0).scalarValue()).isInfinite();
        assertThat(snapshot()).isEqualTo(before);

        // d = u: the loss is finite, the gradient of sqrt|u − d| is NaN.
        List<HostArray> nanGrad = Traced.copy(f.call(C, before.get("model/u"), HostArray.scalar(1)));
        assertThat(nanGrad.get(0).scalarValue()).isFinite();
        assertThat(nanGrad.get(1).scalarValue()).isNaN();
        assertThat(snapshot()).isEqualTo(before);

        // And the next finite step proceeds from the unchanged state.
        Traced.copy(f.call(C, D, HostArray.scalar(1)));
        assertThat(snapshot().get("opt/step").scalarValue()).isEqualTo(4.0);
    }

    @Test
    void clippingRescalesTheGlobalNormToTheLimit() {
        double clip = 0.3;
        CompiledFunction f = step(clip);
        double[] w0 = ws.read(w).doubles().clone();
        double[] u0 = ws.read(u).doubles().clone();
        double[] g = gradient(w0, u0);
        double norm = 0;
        for (double x : g) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        assertThat(norm).isGreaterThan(clip);
        List<HostArray> out = Traced.copy(f.call(C, D, HostArray.scalar(1)));
        assertThat(out.get(1).scalarValue()).as("the norm before clipping").isCloseTo(norm, within(1e-12));
        double[] w1 = ws.read(w).doubles();
        double[] u1 = ws.read(u).doubles();
        double moved = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(w1[i]).isCloseTo(w0[i] - LR * g[i] * clip / norm, within(1e-12));
            moved += (w1[i] - w0[i]) * (w1[i] - w0[i]);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(u1[i]).isCloseTo(u0[i] - LR * g[3 + i] * clip / norm, within(1e-12));
            moved += (u1[i] - u0[i]) * (u1[i] - u0[i]);
        }
        assertThat(Math.sqrt(moved)).isCloseTo(LR * clip, within(1e-12));

        // A limit above the norm leaves the gradient alone.
        CompiledFunction loose = step(1e6);
        double[] w2 = ws.read(w).doubles().clone();
        double[] u2 = ws.read(u).doubles().clone();
        double[] g2 = gradient(w2, u2);
        double[] v = ws.read(ws.findVariable("opt/model/w/velocity").orElseThrow()).doubles().clone();
        Traced.copy(loose.call(C, D, HostArray.scalar(1)));
        for (int i = 0; i < 3; i++) {
            assertThat(ws.read(w).get(i)).isCloseTo(w2[i] - LR * (MU * v[i] + g2[i]), within(1e-12));
        }
    }
}
