package org.alws.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * {@link Adam} declares itself Adam unless it decays weights, and the TensorFlow backend's fused update of it agrees
 * with its own {@link Adam#update} written out, to rounding in float64, over many steps.
 */
class FusedAdamStepTest {

    /** The optimiser's update, hiding that it is Adam, so that the backend cannot fuse it. */
    private record WrittenOut(Optimizer inner) implements Optimizer {
        @Override
        public List<String> slotNames() {
            return inner.slotNames();
        }

        @Override
        public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
            return inner.update(value, gradient, slots, step);
        }
    }

    /** Every variable after {@code steps} steps on loss Σ log(1 + (x − c)²) · (1 + t/10) at step t. */
    private static Map<String, double[]> train(Optimizer optimizer, int steps) {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Variable x = ws.variable("model/x", HostArray.of(Shape.of(2, 3),
                    new double[] {1.0, -0.5, 2.0, 0.25, 3.0, -4.0}));
            HostArray c = HostArray.of(Shape.of(2, 3), new double[] {0.5, 0.5, -1.0, 2.0, 0.0, 1e-4});
            CompiledFunction f = ws.compile("step", List.of(TensorSpec.of(DType.FLOAT64, 2, 3),
                    TensorSpec.of(DType.FLOAT64)), (ops, in) -> {
                        Tensor value = ops.read(x);
                        Tensor loss = value.sub(in.get(0)).square().log1p().sum().mul(in.get(1));
                        Tensor g = ops.gradients(loss, List.of(value)).get(0);
                        return List.of(ParameterUpdates.apply(ops, ws, optimizer, Map.of(x, g), loss, 0));
                    });
            for (int t = 0; t < steps; t++) {
                f.call(c, HostArray.scalar(1 + t / 10.0)).forEach(DeviceArray::close);
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            for (Variable v : ws.variables()) {
                out.put(v.name(), ws.read(v).doubles());
            }
            return out;
        }
    }

    @Test
    void adamIsFusableOnlyWithoutWeightDecay() {
        assertThat(new Adam(AdamOptions.defaults()).adam())
                .contains(new Optimizer.AdamSettings(1e-3, 0.9, 0.999, 1e-8));
        assertThat(new Adam(new AdamOptions(0.01, 0.9, 0.999, 1e-8, 0.1)).adam()).isEmpty();
    }

    @Test
    void theFusedUpdateAgreesWithTheWrittenOutOneOverManySteps() {
        Adam adam = new Adam(new AdamOptions(0.05, 0.8, 0.99, 1e-3, 0.0));
        Map<String, double[]> fused = train(adam, 25);
        Map<String, double[]> reference = train(new WrittenOut(adam), 25);
        assertThat(fused.keySet()).containsExactly("model/x", ParameterUpdates.STEP_VARIABLE, "opt/model/x/m",
                "opt/model/x/v");
        assertThat(fused.get(ParameterUpdates.STEP_VARIABLE)).containsExactly(25.0);
        for (String name : fused.keySet()) {
            double[] a = fused.get(name);
            double[] b = reference.get(name);
            for (int i = 0; i < a.length; i++) {
                assertThat(Math.abs(a[i] - b[i])).as("%s[%d]: %s vs %s", name, i, a[i], b[i])
                        .isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(b[i]), 1e-300));
            }
        }
        assertThat(fused.get("model/x")[0]).as("x moved").isNotEqualTo(1.0);
    }
}
