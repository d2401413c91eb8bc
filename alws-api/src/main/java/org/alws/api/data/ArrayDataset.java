package org.alws.api.data;

import java.util.Optional;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/** A data set held in one host array whose first axis indexes the examples, optionally with class labels. */
public final class ArrayDataset implements Dataset {
    private final HostArray data;
    private final int rowSize;
    private final int[] labels;

    /** Unlabelled examples. */
    public ArrayDataset(HostArray data) {
        this(data, null);
    }

    /**
     * Labelled examples.
     *
     * @param labels one label per example (copied), or null for none
     * @throws IllegalArgumentException if the data are not floating or the label count differs from the example count
     */
    public ArrayDataset(HostArray data, int[] labels) {
        if (data.shape().rank() < 1 || !data.dtype().isFloating()) {
            throw new IllegalArgumentException("a data set needs a floating array with an example axis, got "
                    + data.dtype() + data.shape());
        }
        this.data = data;
        this.rowSize = Math.toIntExact(data.shape().tail(1).size());
        if (labels != null && labels.length != data.shape().dim(0)) {
            throw new IllegalArgumentException("a data set of " + data.shape().dim(0) + " examples got "
                    + labels.length + " labels");
        }
        this.labels = labels == null ? null : labels.clone();
    }

    @Override
    public Optional<int[]> labels() {
        return labels == null ? Optional.empty() : Optional.of(labels.clone());
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
