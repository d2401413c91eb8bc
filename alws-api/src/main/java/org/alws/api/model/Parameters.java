package org.alws.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The parameters of one owner (the model, a guide, a regressor) in a workspace, under a name prefix such as
 * {@code model/}. A parameter is created the first time a program asks for it, with initial values drawn from
 * {@code seeds.child(name)}; later requests return the same variable.
 */
public final class Parameters {
    private final Workspace workspace;
    private final SeedStream seeds;
    private final String prefix;
    private final Map<String, Variable> variables = new LinkedHashMap<>();

    /**
     * @param workspace where the variables live
     * @param seeds the stream initial values are drawn from (one child stream per parameter name)
     * @param prefix the owner's namespace, e.g. {@code model/}
     */
    public Parameters(Workspace workspace, SeedStream seeds, String prefix) {
        this.workspace = workspace;
        this.seeds = seeds;
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The variable for {@code name}, created if needed. */
    public synchronized Variable variable(String name, Shape shape, Initializer init) {
        Variable v = variables.get(name);
        if (v == null) {
            String full = prefix + name;
            v = workspace.findVariable(full).orElse(null);
            if (v == null) {
                double[] values = init.values(shape, seeds.child(name).random(0));
                v = workspace.variable(full, HostArray.of(shape, workspace.floatType(), values));
            }
            if (!v.shape().equals(shape)) {
                throw new IllegalArgumentException(
                        "parameter '" + full + "' requested with shape " + shape + " but has shape " + v.shape());
            }
            variables.put(name, v);
        } else if (!v.shape().equals(shape)) {
            throw new IllegalArgumentException(
                    "parameter '" + prefix + name + "' requested with shape " + shape + " but has shape " + v.shape());
        }
        return v;
    }

    /** The value of parameter {@code name} in the function being traced. */
    public Tensor get(TensorOps ops, String name, Shape shape, Initializer init) {
        return ops.read(variable(name, shape, init));
    }

    /** The parameters created so far, by local name (without the prefix), in creation order. */
    public synchronized Map<String, Variable> variables() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** Current values by local name. */
    public Map<String, HostArray> values() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        variables().forEach((name, v) -> out.put(name, workspace.read(v)));
        return out;
    }

    /** Sets parameters by local name; every name must exist. */
    public void setValues(Map<String, HostArray> values) {
        Map<String, Variable> vars = variables();
        List<String> unknown = new ArrayList<>();
        values.forEach((name, value) -> {
            Variable v = vars.get(name);
            if (v == null) {
                unknown.add(name);
            } else {
                workspace.write(v, value.cast(v.dtype()));
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown parameters " + unknown + "; known: " + vars.keySet());
        }
    }
}
