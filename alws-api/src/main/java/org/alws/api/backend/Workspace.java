package org.alws.api.backend;

import java.util.List;
import java.util.Optional;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;

/**
 * One backend context: a graph, a session, the variables that persist across calls, and the functions compiled into
 * it. Everything a training run computes happens in one workspace. Not for concurrent compilation; close it to
 * release all native resources.
 */
public interface Workspace extends AutoCloseable {

    /** The floating type of parameters and computations in this workspace. */
    DType floatType();

    /** The backend's name and device, for provenance, e.g. {@code tensorflow 2.18.0 (cpu)}. */
    String description();

    /**
     * The variable with this name, created with {@code initialValue} if it does not exist yet. An existing
     * variable keeps its value.
     *
     * @throws IllegalArgumentException if a variable of that name exists with another shape or type
     */
    Variable variable(String name, HostArray initialValue);

    Optional<Variable> findVariable(String name);

    /** All variables, in creation order. */
    List<Variable> variables();

    /** Copies the current value of a variable into Java memory. */
    HostArray read(Variable variable);

    /** Overwrites the value of a variable. */
    void write(Variable variable, HostArray value);

    /**
     * Compiles {@code body} for the given input signature, or returns the function compiled earlier under the same
     * name and signature. The name identifies the body: use a new name for a different body.
     */
    CompiledFunction compile(String name, List<TensorSpec> inputs, FunctionBody body);

    /** Copies host data into backend memory, to be fed to many calls without repeated transfers. */
    DeviceArray upload(HostArray value);

    @Override
    void close();
}
