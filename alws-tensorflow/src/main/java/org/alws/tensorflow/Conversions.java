package org.alws.tensorflow;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Conversions between ALWS host arrays, shapes and types and their TensorFlow counterparts. */
final class Conversions {
    private Conversions() {
    }

    static DataType dataType(DType t) {
        return switch (t) {
            case FLOAT32 -> DataType.DT_FLOAT;
            case FLOAT64 -> DataType.DT_DOUBLE;
            case INT32 -> DataType.DT_INT32;
            case INT64 -> DataType.DT_INT64;
            case BOOL -> DataType.DT_BOOL;
        };
    }

    static DType dtype(DataType t) {
        return switch (t) {
            case DT_FLOAT -> DType.FLOAT32;
            case DT_DOUBLE -> DType.FLOAT64;
            case DT_INT32 -> DType.INT32;
            case DT_INT64 -> DType.INT64;
            case DT_BOOL -> DType.BOOL;
            default -> throw new IllegalArgumentException("TensorFlow type " + t + " has no ALWS counterpart");
        };
    }

    static org.tensorflow.ndarray.Shape shape(Shape s) {
        return org.tensorflow.ndarray.Shape.of(s.dims());
    }

    /**
     * The ALWS shape of a TensorFlow static shape.
     *
     * @throws IllegalStateException if some dimension is unknown
     */
    static Shape shape(org.tensorflow.ndarray.Shape s, String what) {
        if (s.isUnknown() || s.hasUnknownDimension()) {
            throw new IllegalStateException(what + " has a shape that is not fully known: " + s);
        }
        return Shape.of(s.asArray());
    }

    /** A new TensorFlow tensor holding {@code a} converted to {@code type}. The caller closes it. */
    static Tensor toTensor(HostArray a, DType type) {
        org.tensorflow.ndarray.Shape s = shape(a.shape());
        return switch (type) {
            case FLOAT32 -> TFloat32.tensorOf(s, DataBuffers.of(a.floats(), true, false));
            case FLOAT64 -> TFloat64.tensorOf(s, DataBuffers.of(a.doubles(), true, false));
            case INT32 -> TInt32.tensorOf(s, DataBuffers.of(a.ints(), true, false));
            case INT64 -> TInt64.tensorOf(s, DataBuffers.of(a.longs(), true, false));
            case BOOL -> {
                int[] v = a.ints();
                boolean[] b = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    b[i] = v[i] != 0;
                }
                yield TBool.tensorOf(s, DataBuffers.of(b, true, false));
            }
        };
    }

    /** Copies a TensorFlow tensor into a new host array. */
    static HostArray toHost(Tensor t) {
        Shape s = Shape.of(t.shape().asArray());
        int n = s.intSize();
        if (t instanceof TFloat32 f) {
            float[] v = new float[n];
            f.copyTo(DataBuffers.of(v, false, false));
            return HostArray.ofFloats(s, v);
        } else if (t instanceof TFloat64 d) {
            double[] v = new double[n];
            d.copyTo(DataBuffers.of(v, false, false));
            return HostArray.of(s, v);
        } else if (t instanceof TInt32 i) {
            int[] v = new int[n];
            i.copyTo(DataBuffers.of(v, false, false));
            return HostArray.ofInts(s, v);
        } else if (t instanceof TInt64 l) {
            long[] v = new long[n];
            l.copyTo(DataBuffers.of(v, false, false));
            return HostArray.ofLongs(s, v);
        } else if (t instanceof TBool b) {
            boolean[] v = new boolean[n];
            b.copyTo(DataBuffers.of(v, false, false));
            return HostArray.ofBooleans(s, v);
        }
        throw new IllegalArgumentException("cannot copy a TensorFlow tensor of type " + t.dataType());
    }
}
