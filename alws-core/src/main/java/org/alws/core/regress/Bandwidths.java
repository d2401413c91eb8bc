package org.alws.core.regress;

import org.alws.api.ConfigException;
import org.alws.api.regress.Kernels;
import org.alws.api.tensor.Tensor;

/** Kernel bandwidth rules. */
public final class Bandwidths {
    /** The option value that selects the median heuristic. */
    public static final String MEDIAN = "median";

    private Bandwidths() {
    }

    /**
     * The median heuristic: the median Euclidean distance between distinct rows among the first {@code subsample}
     * rows of {@code x} [N, D], as a scalar tensor without gradient.
     */
    public static Tensor median(Tensor x, int subsample) {
        long n = Math.min(x.dim(0), subsample);
        Tensor s = n == x.dim(0) ? x : x.ops().slice(x, new long[] {0, 0}, new long[] {n, x.dim(1)});
        s = s.stopGradient();
        // Off-diagonal squared distances appear twice each; push the diagonal beyond every real distance so that
        // the k-th smallest over the whole matrix is the median over distinct pairs.
        Tensor d2 = Kernels.squaredDistances(s, s).add(x.ops().eye(n).cast(x.dtype()).mul(Float.MAX_VALUE / 4));
        long pairs = n * (n - 1);
        Tensor kth = x.ops().nthElement(d2.reshape(n * n), Math.toIntExact(pairs / 2));
        return kth.sqrt();
    }

    /**
     * Parses a bandwidth option: {@code median} or a number > 0.
     *
     * @return {@code NaN} for the median heuristic, else the value
     */
    public static double parse(String field, String value) {
        if (MEDIAN.equalsIgnoreCase(value)) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new ConfigException(field, value, "'median' or a number > 0");
    }

    /** A bandwidth option as regressors describe it: {@code median×0.5} where a scale other than 1 applies. */
    public static String describe(String bandwidth, double medianScale) {
        return bandwidth + (MEDIAN.equalsIgnoreCase(bandwidth) && medianScale != 1 ? "×" + medianScale : "");
    }
}
