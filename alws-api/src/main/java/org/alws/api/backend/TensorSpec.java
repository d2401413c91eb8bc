package org.alws.api.backend;

import java.util.Objects;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Value;

/** The static shape and type of one input of a compiled function; a list of them is the function's signature. */
public record TensorSpec(Shape shape, DType dtype) {
    public TensorSpec {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
    }

    public static TensorSpec of(DType dtype, long... dims) {
        return new TensorSpec(Shape.of(dims), dtype);
    }

    /** The spec of an existing value. */
    public static TensorSpec of(Value v) {
        return new TensorSpec(v.shape(), v.dtype());
    }

    @Override
    public String toString() {
        return dtype.label() + shape;
    }
}
