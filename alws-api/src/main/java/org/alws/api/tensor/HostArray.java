package org.alws.api.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable-by-convention array in Java memory with a shape and an element type: data going into a compiled
 * function, results coming out, parameter values in checkpoints. Row-major (C) order.
 *
 * <p>Floating data are kept as {@code double[]} (FLOAT64) or {@code float[]} (FLOAT32); integer data as
 * {@code int[]} (INT32) or {@code long[]} (INT64); booleans as {@code int[]} of 0/1 (BOOL). Accessors convert
 * where needed. The arrays are not copied on construction or access: do not modify them after handing them over.
 */
public final class HostArray implements Value {
    private final Shape shape;
    private final DType dtype;
    private final Object data;

    private HostArray(Shape shape, DType dtype, Object data, int length) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.dtype = dtype;
        this.data = data;
        if (shape.size() != length) {
            throw new IllegalArgumentException(
                    "host array of shape " + shape + " needs " + shape.size() + " elements, got " + length);
        }
    }

    /** A FLOAT64 array. */
    public static HostArray of(Shape shape, double[] values) {
        return new HostArray(shape, DType.FLOAT64, values, values.length);
    }

    /** A FLOAT32 array. */
    public static HostArray ofFloats(Shape shape, float[] values) {
        return new HostArray(shape, DType.FLOAT32, values, values.length);
    }

    /** An INT32 array. */
    public static HostArray ofInts(Shape shape, int[] values) {
        return new HostArray(shape, DType.INT32, values, values.length);
    }

    /** An INT64 array. */
    public static HostArray ofLongs(Shape shape, long[] values) {
        return new HostArray(shape, DType.INT64, values, values.length);
    }

    /** A BOOL array from 0/1 flags. */
    public static HostArray ofBooleans(Shape shape, boolean[] values) {
        int[] flags = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            flags[i] = values[i] ? 1 : 0;
        }
        return new HostArray(shape, DType.BOOL, flags, flags.length);
    }

    /** A FLOAT64 scalar. */
    public static HostArray scalar(double value) {
        return of(Shape.scalar(), new double[] {value});
    }

    /** A FLOAT64 vector. */
    public static HostArray vector(double... values) {
        return of(Shape.of(values.length), values);
    }

    /** An array of the given floating type filled from doubles (converted to float for FLOAT32). */
    public static HostArray of(Shape shape, DType dtype, double[] values) {
        return switch (dtype) {
            case FLOAT64 -> of(shape, values);
            case FLOAT32 -> {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                yield ofFloats(shape, f);
            }
            case INT32 -> {
                int[] v = new int[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) values[i];
                }
                yield ofInts(shape, v);
            }
            case INT64 -> {
                long[] v = new long[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (long) values[i];
                }
                yield ofLongs(shape, v);
            }
            case BOOL -> {
                int[] v = new int[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = values[i] != 0 ? 1 : 0;
                }
                yield new HostArray(shape, DType.BOOL, v, v.length);
            }
        };
    }

    /** A zero-filled array. */
    public static HostArray zeros(Shape shape, DType dtype) {
        return of(shape, dtype, new double[shape.intSize()]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** Number of elements. */
    public int size() {
        return shape.intSize();
    }

    /** The elements as doubles (a view for FLOAT64, a converted copy otherwise). */
    public double[] doubles() {
        if (data instanceof double[] d) {
            return d;
        }
        double[] out = new double[size()];
        if (data instanceof float[] f) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f[i];
            }
        } else if (data instanceof int[] v) {
            for (int i = 0; i < out.length; i++) {
                out[i] = v[i];
            }
        } else {
            long[] v = (long[]) data;
            for (int i = 0; i < out.length; i++) {
                out[i] = v[i];
            }
        }
        return out;
    }

    /** The elements as floats (a view for FLOAT32, a converted copy otherwise). */
    public float[] floats() {
        if (data instanceof float[] f) {
            return f;
        }
        double[] d = doubles();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** The elements as ints (a view for INT32 and BOOL, a converted copy otherwise). */
    public int[] ints() {
        if (data instanceof int[] v) {
            return v;
        }
        double[] d = doubles();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** The elements as longs (a view for INT64, a converted copy otherwise). */
    public long[] longs() {
        if (data instanceof long[] v) {
            return v;
        }
        double[] d = doubles();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }

    /** Element {@code i} in row-major order, as a double. */
    public double get(int i) {
        if (data instanceof double[] d) {
            return d[i];
        } else if (data instanceof float[] f) {
            return f[i];
        } else if (data instanceof int[] v) {
            return v[i];
        }
        return ((long[]) data)[i];
    }

    /** The only element of a one-element array. */
    public double scalarValue() {
        if (size() != 1) {
            throw new IllegalStateException("array of shape " + shape + " is not a scalar");
        }
        return get(0);
    }

    /** The same data viewed with another shape of the same size. */
    public HostArray reshape(Shape newShape) {
        int n = size();
        return new HostArray(newShape, dtype, data, n == newShape.size() ? n : -1);
    }

    /** This array converted to another element type. */
    public HostArray cast(DType target) {
        if (target == dtype) {
            return this;
        }
        return of(shape, target, doubles());
    }

    /** True if all floating elements are finite (always true for integer arrays). */
    public boolean allFinite() {
        if (data instanceof double[] d) {
            for (double v : d) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        } else if (data instanceof float[] f) {
            for (float v : f) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rows {@code [from, to)} along the first axis. */
    public HostArray rows(int from, int to) {
        if (shape.rank() == 0) {
            throw new IllegalStateException("cannot take rows of a scalar");
        }
        int rowSize = Math.toIntExact(shape.tail(1).size());
        long[] d = shape.dims();
        d[0] = to - from;
        Shape s = Shape.of(d);
        int a = from * rowSize;
        int b = to * rowSize;
        return switch (dtype) {
            case FLOAT64 -> of(s, Arrays.copyOfRange((double[]) data, a, b));
            case FLOAT32 -> ofFloats(s, Arrays.copyOfRange((float[]) data, a, b));
            case INT64 -> ofLongs(s, Arrays.copyOfRange((long[]) data, a, b));
            case INT32 -> ofInts(s, Arrays.copyOfRange((int[]) data, a, b));
            case BOOL -> new HostArray(s, DType.BOOL, Arrays.copyOfRange((int[]) data, a, b), b - a);
        };
    }

    /** Equality of shape, type and elements ({@link Arrays#equals} semantics: NaN equals NaN, -0.0 differs from 0.0). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostArray h) || h.dtype != dtype || !h.shape.equals(shape)) {
            return false;
        }
        return switch (dtype) {
            case FLOAT64 -> Arrays.equals((double[]) data, (double[]) h.data);
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) h.data);
            case INT64 -> Arrays.equals((long[]) data, (long[]) h.data);
            default -> Arrays.equals((int[]) data, (int[]) h.data);
        };
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, dtype, Arrays.hashCode(doubles()));
    }

    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        StringBuilder sb = new StringBuilder(dtype.label()).append(shape).append(" {");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(get(i));
        }
        return sb.append(size() > n ? ", ...}" : "}").toString();
    }
}
