package org.alws.api.tensor;

/** Elementwise functions of one tensor, implemented by every backend with gradients where differentiable. */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, LOG1P, EXPM1, SQRT, RSQRT, SQUARE, RECIPROCAL,
    SIN, COS, TANH, SIGMOID, SOFTPLUS, RELU, ERF, LGAMMA, DIGAMMA, FLOOR, ROUND,
    /** True where finite; result has type BOOL. */
    IS_FINITE,
    /** Logical negation of a BOOL tensor. */
    NOT
}
