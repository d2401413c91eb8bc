package org.alws.api.tensor;

import java.util.Arrays;

/**
 * A fully known, static tensor shape. Every compiled function in ALWS has static shapes: a new batch size is a
 * new input signature and is compiled once.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new long[0]);

    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given dimensions.
     *
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Shape of(long... dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape dimension " + i + " is " + dims[i] + "; expected >= 0");
            }
        }
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The shape of a scalar (rank 0). */
    public static Shape scalar() {
        return SCALAR;
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative indices count from the end. */
    public long dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** {@link #size()} as an {@code int}, for host arrays. */
    public int intSize() {
        return Math.toIntExact(size());
    }

    public long[] dims() {
        return dims.clone();
    }

    /** This shape with {@code leading} put in front, e.g. a batch axis. */
    public Shape prepend(long leading) {
        long[] d = new long[dims.length + 1];
        d[0] = leading;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    /** This shape with {@code trailing} appended. */
    public Shape append(long trailing) {
        long[] d = Arrays.copyOf(dims, dims.length + 1);
        d[dims.length] = trailing;
        return new Shape(d);
    }

    /** The dimensions from {@code from} (inclusive) to the end. */
    public Shape tail(int from) {
        return Shape.of(Arrays.copyOfRange(dims, from, dims.length));
    }

    /** The first {@code count} dimensions. */
    public Shape head(int count) {
        return Shape.of(Arrays.copyOfRange(dims, 0, count));
    }

    /**
     * The NumPy broadcast of two shapes.
     *
     * @throws IllegalArgumentException if they cannot be broadcast together
     */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            long db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [2, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
