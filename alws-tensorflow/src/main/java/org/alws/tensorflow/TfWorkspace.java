package org.alws.tensorflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.FunctionBody;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.proto.ConfigProto;

/**
 * One TensorFlow graph and session. Variables are resource variables created in the graph's root scope; each
 * compiled function lives in its own name scope and is traced once per signature. Closing the workspace closes the
 * session, then the graph (the order TensorFlow needs).
 */
final class TfWorkspace implements Workspace {
    private final Graph graph;
    private final Session session;
    private final DType floatType;
    private final String description;
    private final Ops root;
    private final Map<String, TfVariable> variables = new LinkedHashMap<>();
    private final Map<TfVariable, HostArray> pending = new LinkedHashMap<>();
    private final Map<String, TfFunction> functions = new HashMap<>();
    private int functionCount;
    private final java.util.concurrent.atomic.AtomicLong gradientCount = new java.util.concurrent.atomic.AtomicLong();
    private boolean closed;

    TfWorkspace(WorkspaceOptions options, String description) {
        this.floatType = options.floatType();
        this.description = description;
        this.graph = new Graph();
        ConfigProto.Builder config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(options.intraOpThreads())
                .setInterOpParallelismThreads(-1)
                .setAllowSoftPlacement(true);
        if (options.device().equals("cpu")) {
            config.putDeviceCount("GPU", 0);
        }
        Session s;
        try {
            s = new Session(graph, config.build());
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
        this.session = s;
        this.root = Ops.create(graph);
        JavaGradients.install();
    }

    /** A graph-wide unique number for the name prefix of a gradient subgraph. */
    long nextGradientId() {
        return gradientCount.getAndIncrement();
    }

    Graph graph() {
        return graph;
    }

    Session session() {
        ensureOpen();
        return session;
    }

    @Override
    public DType floatType() {
        return floatType;
    }

    @Override
    public String description() {
        return description;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("workspace is closed");
        }
    }

    /** The TensorFlow variable behind an ALWS variable of this workspace. */
    TfVariable own(Variable v) {
        if (v instanceof TfVariable t && variables.get(t.name()) == t) {
            return t;
        }
        throw new IllegalArgumentException("variable " + v + " does not belong to this workspace");
    }

    @Override
    public synchronized Variable variable(String name, HostArray initialValue) {
        ensureOpen();
        TfVariable existing = variables.get(name);
        if (existing != null) {
            if (!existing.shape().equals(initialValue.shape()) || existing.dtype() != initialValue.dtype()) {
                throw new IllegalArgumentException("variable '" + name + "' exists as " + existing.dtype()
                        + existing.shape() + ", requested as " + initialValue.dtype() + initialValue.shape());
            }
            return existing;
        }
        RawOps ops = new RawOps(root.scope().withSubScope("var_" + sanitize(name)));
        Output<?> handle = ops.op("VarHandleOp", b -> {
            b.setAttr("dtype", Conversions.dataType(initialValue.dtype()));
            b.setAttr("shape", Conversions.shape(initialValue.shape()));
            b.setAttr("shared_name", name);
        });
        TfVariable v = new TfVariable(name, initialValue.shape(), initialValue.dtype(), handle);
        v.writeInput = ops.op("Placeholder", b -> {
            b.setAttr("dtype", Conversions.dataType(v.dtype()));
            b.setAttr("shape", Conversions.shape(v.shape()));
        });
        v.writeOp = ops.build("AssignVariableOp", b -> b.setAttr("dtype", Conversions.dataType(v.dtype())), handle,
                v.writeInput);
        v.readOutput = ops.op("ReadVariableOp", b -> b.setAttr("dtype", Conversions.dataType(v.dtype())), handle);
        variables.put(name, v);
        pending.put(v, initialValue);
        return v;
    }

    @Override
    public synchronized Optional<Variable> findVariable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    @Override
    public synchronized List<Variable> variables() {
        return new ArrayList<>(variables.values());
    }

    /** Writes the initial values of variables created since the last call. */
    synchronized void initializeVariables() {
        if (pending.isEmpty()) {
            return;
        }
        List<Map.Entry<TfVariable, HostArray>> todo = new ArrayList<>(pending.entrySet());
        pending.clear();
        for (Map.Entry<TfVariable, HostArray> e : todo) {
            assign(e.getKey(), e.getValue());
        }
    }

    @Override
    public synchronized HostArray read(Variable variable) {
        TfVariable v = own(variable);
        initializeVariables();
        try (Result r = session().runner().fetch(v.readOutput).run()) {
            return Conversions.toHost(r.get(0));
        } catch (TensorFlowException | org.tensorflow.exceptions.TFInvalidArgumentException e) {
            throw new org.alws.api.BackendException("reading variable '" + v.name() + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(Variable variable, HostArray value) {
        TfVariable v = own(variable);
        if (!value.shape().equals(v.shape())) {
            throw new IllegalArgumentException("cannot write " + value.dtype() + value.shape() + " to variable '"
                    + v.name() + "' of " + v.dtype() + v.shape());
        }
        initializeVariables();
        assign(v, value);
    }

    private void assign(TfVariable v, HostArray value) {
        try (org.tensorflow.Tensor t = Conversions.toTensor(value, v.dtype())) {
            session().runner().feed(v.writeInput, t).addTarget(v.writeOp).run().close();
        } catch (TensorFlowException | org.tensorflow.exceptions.TFInvalidArgumentException e) {
            throw new org.alws.api.BackendException("writing variable '" + v.name() + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized CompiledFunction compile(String name, List<TensorSpec> inputs, FunctionBody body) {
        ensureOpen();
        String key = name + "|" + inputs;
        TfFunction f = functions.get(key);
        if (f != null) {
            return f;
        }
        Scope scope = root.scope().withSubScope("f" + (functionCount++) + "_" + sanitize(name));
        TfOps ops = new TfOps(this, scope, name);
        List<Output<?>> placeholders = new ArrayList<>();
        List<Tensor> args = new ArrayList<>();
        for (TensorSpec spec : inputs) {
            Output<?> p = ops.raw().op("Placeholder", b -> {
                b.setAttr("dtype", Conversions.dataType(spec.dtype()));
                b.setAttr("shape", Conversions.shape(spec.shape()));
            });
            placeholders.add(p);
            args.add(ops.wrap(p));
        }
        List<Tensor> results = body.trace(ops, List.copyOf(args));
        List<Output<?>> outputs = new ArrayList<>();
        List<TensorSpec> specs = new ArrayList<>();
        for (Tensor t : results) {
            if (!(t instanceof TfTensor tt) || tt.ops() != ops) {
                throw new IllegalArgumentException("function '" + name + "' returned a tensor of another function");
            }
            // A fed placeholder cannot also be fetched: return inputs through an Identity.
            outputs.add(args.contains(t) ? ops.raw().op("Identity", tt.output()) : tt.output());
            specs.add(new TensorSpec(t.shape(), t.dtype()));
        }
        List<Operation> targets = ops.addUpdates(outputs);
        f = new TfFunction(this, name, inputs, placeholders, specs, outputs, targets);
        functions.put(key, f);
        return f;
    }

    @Override
    public DeviceArray upload(HostArray value) {
        ensureOpen();
        return new TfDeviceArray(Conversions.toTensor(value, value.dtype()));
    }

    /** Number of operations in the graph, for tests that check graphs are built once. */
    synchronized int operationCount() {
        int n = 0;
        for (var it = graph.operations(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } finally {
                graph.close();
            }
        }
    }

    static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            boolean ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            sb.append(ascii || c == '_' || c == '-' || c == '.' ? c : '_');
        }
        return sb.toString();
    }
}
