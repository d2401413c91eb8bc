package org.alws.tensorflow;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.tensorflow.Output;

/** A symbolic tensor of a function being traced: one output of a TensorFlow graph operation. */
final class TfTensor implements Tensor {
    private final TfOps ops;
    private final Output<?> output;
    private final Shape shape;
    private final DType dtype;

    TfTensor(TfOps ops, Output<?> output) {
        this.ops = ops;
        this.output = output;
        this.shape = Conversions.shape(output.shape(), "operation " + output.op().name());
        this.dtype = Conversions.dtype(output.dataType());
    }

    Output<?> output() {
        return output;
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
    public TensorOps ops() {
        return ops;
    }

    @Override
    public String toString() {
        return "Tensor(" + output.op().name() + ": " + dtype.label() + shape + ")";
    }
}
