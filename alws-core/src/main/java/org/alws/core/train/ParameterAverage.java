package org.alws.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.model.Parameters;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * An exponential moving average of the model's parameters (Polyak averaging), kept in workspace variables named
 * {@code average/<parameter>} so that checkpoints save and restore it with everything else. After step t (counted
 * from 0) every average moves towards its parameter with the decay {@code min(decay, (1 + t) / (10 + t))}, which
 * lets early averages forget the initial values quickly. Evaluations and sample grids run {@link #swapped} to see the
 * averaged model; training always continues from the last values.
 */
final class ParameterAverage {
    /** The name prefix of the averages' variables. */
    static final String PREFIX = "average/";

    private final Workspace workspace;
    private final double decay;
    private final Map<Variable, Variable> averages = new LinkedHashMap<>();
    private final CompiledFunction update;

    /**
     * Creates an average (initialised to the current values) for every parameter that exists now.
     *
     * @param decay the largest decay per step, in (0, 1)
     */
    ParameterAverage(Workspace workspace, Parameters parameters, double decay) {
        this.workspace = workspace;
        this.decay = decay;
        for (Variable v : parameters.variables().values()) {
            averages.put(v, workspace.variable(PREFIX + v.name(), workspace.read(v)));
        }
        List<TensorSpec> specs = List.of(new TensorSpec(Shape.scalar(), workspace.floatType()));
        this.update = workspace.compile("parameter-average/" + parameters.prefix(), specs, (ops, in) -> {
            Tensor keep = in.get(0);
            for (Map.Entry<Variable, Variable> e : averages.entrySet()) {
                Tensor p = ops.read(e.getKey());
                Tensor a = ops.read(e.getValue());
                ops.assign(e.getValue(), a.add(p.sub(a).mul(ops.scalar(1.0).cast(keep.dtype()).sub(keep)
                        .cast(p.dtype()))));
            }
            return List.of(keep);
        });
    }

    /** Sets every average to its parameter's current value (after the parameters were set from outside). */
    void reset() {
        averages.forEach((p, a) -> workspace.write(a, workspace.read(p)));
    }

    /** The decay applied after step {@code step} (0-based). */
    double decayAfter(long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /** Moves every average towards its parameter after step {@code step} (0-based). */
    void update(long step) {
        update.call(HostArray.scalar(decayAfter(step))).forEach(DeviceArray::close);
    }

    /** The current averages by parameter. */
    Map<Variable, HostArray> values() {
        Map<Variable, HostArray> out = new LinkedHashMap<>();
        averages.forEach((p, a) -> out.put(p, workspace.read(a)));
        return out;
    }

    /** Runs {@code body} with the averages in the parameters' place, then puts the last values back. */
    <T> T swapped(Supplier<T> body) {
        List<Map.Entry<Variable, HostArray>> saved = new ArrayList<>();
        for (Map.Entry<Variable, Variable> e : averages.entrySet()) {
            saved.add(Map.entry(e.getKey(), workspace.read(e.getKey())));
        }
        try {
            averages.forEach((p, a) -> workspace.write(p, workspace.read(a)));
            return body.get();
        } finally {
            for (Map.Entry<Variable, HostArray> e : saved) {
                workspace.write(e.getKey(), e.getValue());
            }
        }
    }
}
