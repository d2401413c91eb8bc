package org.alws.tensorflow;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.tensorflow.Tensor;

/** A TensorFlow tensor owned by ALWS code; fed back into functions without copying. */
final class TfDeviceArray implements DeviceArray {
    private final Tensor tensor;
    private final Shape shape;
    private final DType dtype;
    private boolean closed;

    TfDeviceArray(Tensor tensor) {
        this.tensor = tensor;
        this.shape = Shape.of(tensor.shape().asArray());
        this.dtype = Conversions.dtype(tensor.dataType());
    }

    /** The tensor, for feeding. */
    synchronized Tensor tensor() {
        if (closed) {
            throw new IllegalStateException("device array " + dtype.label() + shape + " is closed");
        }
        return tensor;
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
    public synchronized HostArray toHost() {
        return Conversions.toHost(tensor());
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tensor.close();
        }
    }

    @Override
    public String toString() {
        return "DeviceArray(" + dtype.label() + shape + (closed ? ", closed)" : ")");
    }
}
