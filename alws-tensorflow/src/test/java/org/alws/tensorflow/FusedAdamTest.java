package org.alws.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The guarded update of {@link ParameterUpdates} on this backend: {@code assignIf} writes through a Switch (a
 * false condition leaves the variable alone, and a dead write is a harmless session target), and an optimiser that
 * declares itself Adam is applied by {@code ResourceApplyAdam} with the same arithmetic, up to rounding, as the
 * update written out.
 */
class FusedAdamTest {
    private static final Optimizer.AdamSettings SETTINGS = new Optimizer.AdamSettings(0.05, 0.9, 0.999, 1e-3);
    private static final HostArray C = HostArray.of(Shape.of(3, 4),
            new double[] {0.5, -1.0, 2.0, 0.0, 1.5, -0.25, 3.0, -2.0, 0.75, 1.0, -1.5, 0.1});
    private static final HostArray D = HostArray.of(Shape.of(2, 1), new double[] {-0.75, 7.0});

    /** Bias-corrected Adam written out; declares itself Adam (so it is fused) when {@code fused}. */
    record ReferenceAdam(Optimizer.AdamSettings s, boolean fused) implements Optimizer {
        @Override
        public List<String> slotNames() {
            return List.of("m", "v");
        }

        @Override
        public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
            Tensor m = slots.get("m").mul(s.beta1()).add(gradient.mul(1 - s.beta1()));
            Tensor v = slots.get("v").mul(s.beta2()).add(gradient.square().mul(1 - s.beta2()));
            Tensor t = step.cast(value.dtype());
            Tensor mHat = m.div(t.ops().scalar(s.beta1(), value.dtype()).pow(t).rsub(1.0));
            Tensor vHat = v.div(t.ops().scalar(s.beta2(), value.dtype()).pow(t).rsub(1.0));
            return new Update(value.sub(mHat.div(vHat.sqrt().add(s.epsilon())).mul(s.learningRate())),
                    Map.of("m", m, "v", v));
        }

        @Override
        public Optional<AdamSettings> adam() {
            return fused ? Optional.of(s) : Optional.empty();
        }
    }

    /** A float64 workspace with a matrix and a column parameter, and its compiled step. */
    private static final class Setup implements AutoCloseable {
        final TfWorkspace ws = (TfWorkspace) new TensorFlowBackend().open(
                WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
        final Variable w = ws.variable("model/w", HostArray.of(Shape.of(3, 4),
                new double[] {1.0, -2.0, 0.5, 0.25, 3.0, -1.0, 0.0, 2.5, -0.5, 1.25, 0.75, -3.0}));
        final Variable u = ws.variable("model/u", HostArray.of(Shape.of(2, 1), new double[] {0.25, 3.0}));
        final CompiledFunction step;

        /**
         * loss = k · (Σ log(1 + (w − c)²) + Σ sqrt|u − d|), returning (loss, norm): k = NaN or ∞ makes the loss
         * non-finite, d = u the gradient.
         */
        Setup(Optimizer optimizer) {
            step = ws.compile("step", List.of(TensorSpec.of(DType.FLOAT64, 3, 4), TensorSpec.of(DType.FLOAT64, 2, 1),
                    TensorSpec.of(DType.FLOAT64)), (ops, in) -> {
                        Tensor wv = ops.read(w);
                        Tensor uv = ops.read(u);
                        Tensor loss = wv.sub(in.get(0)).square().log1p().sum()
                                .add(uv.sub(in.get(1)).abs().sqrt().sum()).mul(in.get(2));
                        List<Tensor> g = ops.gradients(loss, List.of(wv, uv));
                        Map<Variable, Tensor> grads = new LinkedHashMap<>();
                        grads.put(w, g.get(0));
                        grads.put(u, g.get(1));
                        return List.of(loss, ParameterUpdates.apply(ops, ws, optimizer, grads, loss, 0));
                    });
        }

        List<HostArray> run(HostArray d, double k) {
            return Traced.copy(step.call(C, d, HostArray.scalar(k)));
        }

        Map<String, HostArray> snapshot() {
            Map<String, HostArray> out = new LinkedHashMap<>();
            for (Variable v : ws.variables()) {
                out.put(v.name(), ws.read(v));
            }
            return out;
        }

        long count(String opType) {
            long n = 0;
            for (var it = ws.graph().operations(); it.hasNext();) {
                if (it.next().type().equals(opType)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    @Test
    void fusedAdamAgreesWithTheUpdateWrittenOutOverManySteps() {
        try (Setup fused = new Setup(new ReferenceAdam(SETTINGS, true));
                Setup reference = new Setup(new ReferenceAdam(SETTINGS, false))) {
            assertThat(fused.count("ResourceApplyAdam")).isEqualTo(2);
            assertThat(reference.count("ResourceApplyAdam")).isZero();
            for (int i = 0; i < 20; i++) {
                List<HostArray> a = fused.run(D, 1);
                List<HostArray> b = reference.run(D, 1);
                assertThat(a.get(0).scalarValue()).as("loss at step %d", i)
                        .isCloseTo(b.get(0).scalarValue(), org.assertj.core.api.Assertions.withinPercentage(1e-10));
            }
            Map<String, HostArray> a = fused.snapshot();
            Map<String, HostArray> b = reference.snapshot();
            assertThat(a.keySet()).containsExactly("model/w", "model/u", "opt/step", "opt/model/w/m",
                    "opt/model/w/v", "opt/model/u/m", "opt/model/u/v");
            assertThat(a.get("opt/step").scalarValue()).isEqualTo(20.0);
            for (String name : a.keySet()) {
                double[] x = a.get(name).doubles();
                double[] y = b.get(name).doubles();
                double scale = 0;
                double diff = 0;
                for (int i = 0; i < x.length; i++) {
                    scale = Math.max(scale, Math.abs(y[i]));
                    diff = Math.max(diff, Math.abs(x[i] - y[i]));
                }
                assertThat(scale).as(name).isPositive();
                assertThat(diff / scale).as("relative difference of %s", name).isLessThan(1e-12);
            }
            // The parameters moved: the comparison is not between two untouched states.
            assertThat(a.get("model/w").get(0)).isNotEqualTo(1.0);
        }
    }

    @Test
    void aNonFiniteLossOrGradientLeavesParametersMomentsAndStepUnchanged() {
        for (boolean isFused : new boolean[] {true, false}) {
            try (Setup s = new Setup(new ReferenceAdam(SETTINGS, isFused))) {
                for (int i = 0; i < 3; i++) {
                    s.run(D, 1);
                }
                Map<String, HostArray> before = s.snapshot();
                assertThat(before.get("opt/model/w/m").doubles()).doesNotContain(0.0);

                assertThat(s.run(D, Double.NaN).get(0).scalarValue()).isNaN();
                assertThat(s.snapshot()).as("after a NaN loss, fused=%s", isFused).isEqualTo(before);
                assertThat(s.run(D, Double.POSITIVE_INFINITY).get(0).scalarValue()).isInfinite();
                assertThat(s.snapshot()).as("after an infinite loss, fused=%s", isFused).isEqualTo(before);
                List<HostArray> nanGrad = s.run(before.get("model/u"), 1);
                assertThat(nanGrad.get(0).scalarValue()).isFinite();
                assertThat(nanGrad.get(1).scalarValue()).isNaN();
                assertThat(s.snapshot()).as("after a NaN gradient, fused=%s", isFused).isEqualTo(before);

                s.run(D, 1);
                assertThat(s.snapshot().get("opt/step").scalarValue()).isEqualTo(4.0);
                assertThat(s.snapshot().get("model/w")).isNotEqualTo(before.get("model/w"));
            }
        }
    }

    @Test
    void theGuardSelectsNothing() {
        try (Setup fused = new Setup(new ReferenceAdam(SETTINGS, true));
                Setup plain = new Setup(new ReferenceAdam(SETTINGS, false))) {
            assertThat(fused.count("SelectV2")).isZero();
            assertThat(plain.count("SelectV2")).isZero();
            assertThat(fused.count("Switch")).as("the step count's write and two Adam updates").isEqualTo(3);
            assertThat(plain.count("Switch")).as("the step count's and six writes").isEqualTo(7);
        }
    }

    @Test
    void assignIfWritesOnlyWhenTheConditionHolds() {
        try (var ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Variable x = ws.variable("x", HostArray.vector(1.0, 2.0));
            Variable y = ws.variable("y", HostArray.vector(5.0));
            CompiledFunction f = ws.compile("f", List.of(TensorSpec.of(DType.BOOL), TensorSpec.of(DType.FLOAT64, 2)),
                    (ops, in) -> {
                        Tensor old = ops.read(x);
                        ops.assignIf(in.get(0), x, in.get(1));
                        ops.assign(y, ops.read(y).add(1.0));
                        return List.of(old.sum());
                    });
            HostArray no = HostArray.of(Shape.scalar(), DType.BOOL, new double[] {0});
            HostArray yes = HostArray.of(Shape.scalar(), DType.BOOL, new double[] {1});
            assertThat(Traced.copy(f.call(no, HostArray.vector(7.0, 8.0))).get(0).scalarValue()).isEqualTo(3.0);
            assertThat(ws.read(x).doubles()).containsExactly(1.0, 2.0);
            assertThat(ws.read(y).doubles()).as("an unconditional write beside a dead one").containsExactly(6.0);
            assertThat(Traced.copy(f.call(yes, HostArray.vector(7.0, 8.0))).get(0).scalarValue()).isEqualTo(3.0);
            assertThat(ws.read(x).doubles()).containsExactly(7.0, 8.0);
            assertThat(ws.read(y).doubles()).containsExactly(7.0);
        }
    }

    @Test
    void aVariableUpdatedByAdamCannotBeAssignedToo() {
        try (var ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Variable x = ws.variable("x", HostArray.vector(1.0, 2.0));
            Variable m = ws.variable("m", HostArray.vector(0.0, 0.0));
            Variable v = ws.variable("v", HostArray.vector(0.0, 0.0));
            assertThatThrownBy(() -> ws.compile("f", List.of(), (ops, in) -> {
                Tensor value = ops.read(x);
                ((TfOps) ops).applyAdam(x, m, v, value, ops.scalar(1.0), SETTINGS, value.sum().isFinite());
                ops.assign(m, value);
                return List.of(value);
            })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'m' is assigned twice");
        }
    }
}
