package org.alws.api.tensor;

import java.util.List;

/**
 * A symbolic tensor: a value in a function being traced, with a static shape and an element type. Operations
 * return new tensors of the same function; they are recorded, not executed, until the function is compiled and
 * called. The fluent methods below are shorthands for {@link TensorOps}.
 */
public interface Tensor {

    Shape shape();

    DType dtype();

    /** The operations of the function this tensor belongs to. */
    TensorOps ops();

    /** Dimension {@code i} of the shape (negative counts from the end). */
    default long dim(int i) {
        return shape().dim(i);
    }

    private Tensor c(double v) {
        return ops().scalar(v, dtype());
    }

    default Tensor add(Tensor o) {
        return ops().binary(BinaryOp.ADD, this, o);
    }

    default Tensor add(double v) {
        return add(c(v));
    }

    default Tensor sub(Tensor o) {
        return ops().binary(BinaryOp.SUB, this, o);
    }

    default Tensor sub(double v) {
        return sub(c(v));
    }

    /** {@code v - this}. */
    default Tensor rsub(double v) {
        return c(v).sub(this);
    }

    default Tensor mul(Tensor o) {
        return ops().binary(BinaryOp.MUL, this, o);
    }

    default Tensor mul(double v) {
        return mul(c(v));
    }

    default Tensor div(Tensor o) {
        return ops().binary(BinaryOp.DIV, this, o);
    }

    default Tensor div(double v) {
        return div(c(v));
    }

    default Tensor pow(Tensor o) {
        return ops().binary(BinaryOp.POW, this, o);
    }

    default Tensor pow(double v) {
        return pow(c(v));
    }

    default Tensor maximum(Tensor o) {
        return ops().binary(BinaryOp.MAXIMUM, this, o);
    }

    default Tensor maximum(double v) {
        return maximum(c(v));
    }

    default Tensor minimum(Tensor o) {
        return ops().binary(BinaryOp.MINIMUM, this, o);
    }

    default Tensor minimum(double v) {
        return minimum(c(v));
    }

    /** Clamps into [lo, hi]. */
    default Tensor clip(double lo, double hi) {
        return maximum(lo).minimum(hi);
    }

    default Tensor neg() {
        return ops().unary(UnaryOp.NEG, this);
    }

    default Tensor abs() {
        return ops().unary(UnaryOp.ABS, this);
    }

    default Tensor sign() {
        return ops().unary(UnaryOp.SIGN, this);
    }

    default Tensor exp() {
        return ops().unary(UnaryOp.EXP, this);
    }

    default Tensor log() {
        return ops().unary(UnaryOp.LOG, this);
    }

    default Tensor log1p() {
        return ops().unary(UnaryOp.LOG1P, this);
    }

    default Tensor expm1() {
        return ops().unary(UnaryOp.EXPM1, this);
    }

    default Tensor sqrt() {
        return ops().unary(UnaryOp.SQRT, this);
    }

    default Tensor rsqrt() {
        return ops().unary(UnaryOp.RSQRT, this);
    }

    default Tensor square() {
        return ops().unary(UnaryOp.SQUARE, this);
    }

    default Tensor reciprocal() {
        return ops().unary(UnaryOp.RECIPROCAL, this);
    }

    default Tensor sin() {
        return ops().unary(UnaryOp.SIN, this);
    }

    default Tensor cos() {
        return ops().unary(UnaryOp.COS, this);
    }

    default Tensor tanh() {
        return ops().unary(UnaryOp.TANH, this);
    }

    default Tensor sigmoid() {
        return ops().unary(UnaryOp.SIGMOID, this);
    }

    default Tensor softplus() {
        return ops().unary(UnaryOp.SOFTPLUS, this);
    }

    /** {@code log sigmoid(x) = -softplus(-x)}, computed stably. */
    default Tensor logSigmoid() {
        return neg().softplus().neg();
    }

    default Tensor relu() {
        return ops().unary(UnaryOp.RELU, this);
    }

    default Tensor erf() {
        return ops().unary(UnaryOp.ERF, this);
    }

    default Tensor lgamma() {
        return ops().unary(UnaryOp.LGAMMA, this);
    }

    default Tensor digamma() {
        return ops().unary(UnaryOp.DIGAMMA, this);
    }

    default Tensor floor() {
        return ops().unary(UnaryOp.FLOOR, this);
    }

    /** BOOL tensor, true where the element is finite. */
    default Tensor isFinite() {
        return ops().unary(UnaryOp.IS_FINITE, this);
    }

    default Tensor lt(Tensor o) {
        return ops().binary(BinaryOp.LESS, this, o);
    }

    default Tensor lt(double v) {
        return lt(c(v));
    }

    default Tensor gt(Tensor o) {
        return ops().binary(BinaryOp.GREATER, this, o);
    }

    default Tensor gt(double v) {
        return gt(c(v));
    }

    /** Sum over the given axes, or over all axes when none are given. */
    default Tensor sum(int... axes) {
        return ops().reduce(Reduction.SUM, this, false, axes);
    }

    /** Mean over the given axes, or over all axes when none are given. */
    default Tensor mean(int... axes) {
        return ops().reduce(Reduction.MEAN, this, false, axes);
    }

    /** Maximum over the given axes, or over all axes when none are given. */
    default Tensor max(int... axes) {
        return ops().reduce(Reduction.MAX, this, false, axes);
    }

    /** Minimum over the given axes, or over all axes when none are given. */
    default Tensor min(int... axes) {
        return ops().reduce(Reduction.MIN, this, false, axes);
    }

    /** Sums every axis but the first: the per-example total of a batched tensor. Rank-1 tensors are unchanged. */
    default Tensor sumTrailing() {
        int r = shape().rank();
        if (r <= 1) {
            return this;
        }
        int[] axes = new int[r - 1];
        for (int i = 1; i < r; i++) {
            axes[i - 1] = i;
        }
        return sum(axes);
    }

    /** {@code log sum exp} along one axis, computed stably. */
    default Tensor logSumExp(int axis) {
        Tensor m = ops().stopGradient(ops().reduce(Reduction.MAX, this, true, axis));
        Tensor finiteM = ops().where(m.isFinite(), m, ops().broadcastTo(c(0.0), m.shape()));
        Tensor s = sub(finiteM).exp().sum(axis).log();
        return s.add(ops().reshape(finiteM, s.shape()));
    }

    /** {@code log mean exp} along one axis, computed stably. */
    default Tensor logMeanExp(int axis) {
        return logSumExp(axis).sub(Math.log(shape().dim(axis)));
    }

    /** {@code x - logsumexp(x)} along one axis. */
    default Tensor logSoftmax(int axis) {
        Tensor lse = logSumExp(axis);
        long[] d = shape().dims();
        d[axis < 0 ? d.length + axis : axis] = 1;
        return sub(ops().reshape(lse, Shape.of(d)));
    }

    default Tensor softmax(int axis) {
        return logSoftmax(axis).exp();
    }

    default Tensor matmul(Tensor o) {
        return ops().matmul(this, o, false, false);
    }

    default Tensor matmul(Tensor o, boolean transposeThis, boolean transposeOther) {
        return ops().matmul(this, o, transposeThis, transposeOther);
    }

    /** The transpose of a matrix (rank 2). */
    default Tensor t() {
        return ops().transpose(this, 1, 0);
    }

    default Tensor transpose(int... permutation) {
        return ops().transpose(this, permutation);
    }

    default Tensor reshape(long... dims) {
        return ops().reshape(this, Shape.of(dims));
    }

    default Tensor reshape(Shape shape) {
        return ops().reshape(this, shape);
    }

    /** Flattens every axis but the first: [n, a, b] becomes [n, a*b]. */
    default Tensor flattenTrailing() {
        return reshape(shape().dim(0), shape().tail(1).size());
    }

    default Tensor broadcastTo(Shape shape) {
        return shape.equals(shape()) ? this : ops().broadcastTo(this, shape);
    }

    default Tensor cast(DType type) {
        return type == dtype() ? this : ops().cast(this, type);
    }

    default Tensor stopGradient() {
        return ops().stopGradient(this);
    }

    default Tensor gather(Tensor indices, int axis) {
        return ops().gather(this, indices, axis);
    }

    /** Concatenates this and {@code others} along {@code axis}. */
    default Tensor concat(int axis, Tensor... others) {
        List<Tensor> parts = new java.util.ArrayList<>(others.length + 1);
        parts.add(this);
        parts.addAll(List.of(others));
        return ops().concat(axis, parts);
    }
}
