package org.alws.api.data;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/** A data set held in one host array whose first axis indexes the examples. */
public final class ArrayDataset implements Dataset {
    private final HostArray data;
    private final int rowSize;

    public ArrayDataset(HostArray data) {
        if (data.shape().rank() < 1 || !data.dtype().isFloating()) {
            throw new IllegalArgumentException("a data set needs a floating array with an example axis, got "
                    + data.dtype() + data.shape());
        }
        this.data = data;
        this.rowSize = Math.toIntExact(data.shape().tail(1).size());
    }

    @Override
    public int size() {
        return Math.toIntExact(data.shape().dim(0));
    }

    @Override
    public Shape exampleShape() {
        return data.shape().tail(1);
    }

    @Override
    public HostArray examples(int[] indices) {
        Shape s = exampleShape().prepend(indices.length);
        if (data.dtype() == DType.FLOAT32) {
            float[] src = data.floats();
            float[] out = new float[indices.length * rowSize];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(src, checked(indices[i]) * rowSize, out, i * rowSize, rowSize);
            }
            return HostArray.ofFloats(s, out);
        }
        double[] src = data.doubles();
        double[] out = new double[indices.length * rowSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(src, checked(indices[i]) * rowSize, out, i * rowSize, rowSize);
        }
        return HostArray.of(s, out);
    }

    @Override
    public HostArray all() {
        return data;
    }

    private int checked(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("example " + index + " of a data set of " + size());
        }
        return index;
    }
}
