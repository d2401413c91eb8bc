package org.alws.api.tensor;

/** Reductions over axes. */
public enum Reduction {
    SUM, MEAN, MAX, MIN, PROD,
    /** True if all elements are true (BOOL tensors). */
    ALL,
    /** True if any element is true (BOOL tensors). */
    ANY
}
