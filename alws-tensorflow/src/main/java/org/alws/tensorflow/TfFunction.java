package org.alws.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.alws.api.BackendException;
import org.alws.api.NumericalException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Value;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;

/** A traced function: placeholders in, fetched outputs and variable assignments out, run by the workspace's session. */
final class TfFunction implements CompiledFunction {
    private final TfWorkspace workspace;
    private final String name;
    private final List<TensorSpec> inputs;
    private final List<Output<?>> placeholders;
    private final List<TensorSpec> outputSpecs;
    private final List<Output<?>> outputs;
    private final List<Operation> targets;

    TfFunction(TfWorkspace workspace, String name, List<TensorSpec> inputs, List<Output<?>> placeholders,
            List<TensorSpec> outputSpecs, List<Output<?>> outputs, List<Operation> targets) {
        this.workspace = workspace;
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.placeholders = List.copyOf(placeholders);
        this.outputSpecs = List.copyOf(outputSpecs);
        this.outputs = List.copyOf(outputs);
        this.targets = List.copyOf(targets);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputSpecs;
    }

    @Override
    public List<DeviceArray> call(List<? extends Value> args) {
        if (args.size() != inputs.size()) {
            throw new IllegalArgumentException(
                    "function '" + name + "' takes " + inputs.size() + " inputs, got " + args.size());
        }
        workspace.initializeVariables();
        List<Tensor> owned = new ArrayList<>();
        try {
            Session.Runner runner = workspace.session().runner();
            for (int i = 0; i < args.size(); i++) {
                runner.feed(placeholders.get(i), feedTensor(i, args.get(i), owned));
            }
            for (Output<?> o : outputs) {
                runner.fetch(o);
            }
            for (Operation t : targets) {
                runner.addTarget(t);
            }
            Result result = runner.run();
            List<DeviceArray> out = new ArrayList<>(outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                out.add(new TfDeviceArray(result.get(i)));
            }
            return out;
        } catch (TensorFlowException | TFInvalidArgumentException e) {
            throw translate(e);
        } finally {
            for (Tensor t : owned) {
                t.close();
            }
        }
    }

    private Tensor feedTensor(int i, Value v, List<Tensor> owned) {
        TensorSpec spec = inputs.get(i);
        if (!v.shape().equals(spec.shape())) {
            throw new IllegalArgumentException("function '" + name + "' input " + i + ": expected " + spec
                    + ", got " + v.dtype().label() + v.shape());
        }
        if (v instanceof TfDeviceArray d) {
            if (d.dtype() != spec.dtype()) {
                throw new IllegalArgumentException("function '" + name + "' input " + i + ": expected " + spec
                        + ", got " + v.dtype().label() + v.shape());
            }
            return d.tensor();
        }
        if (v instanceof HostArray h) {
            boolean compatible = h.dtype() == spec.dtype() || (h.dtype().isFloating() && spec.dtype().isFloating())
                    || (!h.dtype().isFloating() && !spec.dtype().isFloating());
            if (!compatible) {
                throw new IllegalArgumentException("function '" + name + "' input " + i + ": expected " + spec
                        + ", got " + v.dtype().label() + v.shape());
            }
            Tensor t = Conversions.toTensor(h, spec.dtype());
            owned.add(t);
            return t;
        }
        throw new IllegalArgumentException("function '" + name + "' input " + i + ": " + v.getClass().getName()
                + " is not a value of this backend");
    }

    private RuntimeException translate(RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                .orElse("");
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("cholesky") || lower.contains("not invertible") || lower.contains("singular")) {
            return new NumericalException("function '" + name + "': " + msg, e);
        }
        return new BackendException("function '" + name + "' failed: " + msg, e);
    }

    @Override
    public String toString() {
        return "Function(" + name + ": " + inputs + " -> " + outputSpecs + ")";
    }
}
