package org.alws.core.eval.image;

import java.util.Objects;

/**
 * Feature vectors of a set of images: {@code count} rows of {@code dimension} values, row-major, in float64.
 *
 * @param count the number of vectors
 * @param dimension the length of each
 * @param values {@code count · dimension} values (not copied)
 */
public record Features(int count, int dimension, double[] values) {
    /** Validates the sizes. */
    public Features {
        Objects.requireNonNull(values, "values");
        if (count < 0 || dimension < 1 || (long) count * dimension != values.length) {
            throw new IllegalArgumentException(count + " feature vectors of dimension " + dimension + " need "
                    + (long) count * dimension + " values, got " + values.length);
        }
    }

    /** Vectors {@code [from, to)}. */
    public Features rows(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + count + " feature vectors");
        }
        double[] out = new double[(to - from) * dimension];
        System.arraycopy(values, from * dimension, out, 0, out.length);
        return new Features(to - from, dimension, out);
    }

    /** The first {@code n} vectors (all of them if there are fewer). */
    public Features first(int n) {
        return n >= count ? this : rows(0, n);
    }

    /** Element {@code j} of vector {@code i}. */
    public double get(int i, int j) {
        return values[i * dimension + j];
    }
}
