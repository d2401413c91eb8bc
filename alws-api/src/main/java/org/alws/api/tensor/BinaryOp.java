package org.alws.api.tensor;

/** Elementwise functions of two tensors with NumPy-style broadcasting. Comparisons yield BOOL tensors. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, ATAN2,
    LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL, NOT_EQUAL,
    /** Logical and of two BOOL tensors. */
    AND,
    /** Logical or of two BOOL tensors. */
    OR;

    /** True for the operations whose result is BOOL. */
    public boolean isComparison() {
        return ordinal() >= LESS.ordinal();
    }
}
