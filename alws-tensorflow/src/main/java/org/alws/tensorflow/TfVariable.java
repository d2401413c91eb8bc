package org.alws.tensorflow;

import org.alws.api.backend.Variable;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.tensorflow.Operation;
import org.tensorflow.Output;

/**
 * A resource variable of a workspace: the VarHandleOp plus the small read and write subgraphs the workspace uses for
 * checkpoints and initialisation.
 */
final class TfVariable implements Variable {
    private final String name;
    private final Shape shape;
    private final DType dtype;
    private final Output<?> handle;
    Output<?> writeInput;
    Operation writeOp;
    Output<?> readOutput;

    TfVariable(String name, Shape shape, DType dtype, Output<?> handle) {
        this.name = name;
        this.shape = shape;
        this.dtype = dtype;
        this.handle = handle;
    }

    Output<?> handle() {
        return handle;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public String toString() {
        return "Variable(" + name + ": " + dtype.label() + shape + ")";
    }
}
