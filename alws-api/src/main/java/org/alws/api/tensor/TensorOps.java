package org.alws.api.tensor;

import java.util.ArrayList;
import java.util.List;
import org.alws.api.backend.Variable;

/**
 * The primitive operations of the symbolic tensor language. A backend implements this interface for the graph of
 * one function being compiled; models, distributions, learners and regressors are written against it once and are
 * traced into the backend's native graph once per input signature.
 *
 * <p>Conventions: broadcasting follows NumPy; matrix operations act on the last two axes; images are NHWC;
 * random draws are stateless functions of an INT64 seed tensor of shape [2], so the same seed gives the same draw.
 * Operands of binary operations must share a dtype.
 */
public interface TensorOps {

    /** The floating type of this workspace (parameters, data and computations): FLOAT32 unless asked otherwise. */
    DType floatType();

    /** A constant tensor holding the given values. */
    Tensor constant(HostArray value);

    /** A scalar constant of the workspace's floating type. */
    default Tensor scalar(double value) {
        return scalar(value, floatType());
    }

    /** A scalar constant of the given type. */
    default Tensor scalar(double value, DType dtype) {
        return constant(HostArray.of(Shape.scalar(), dtype, new double[] {value}));
    }

    /** A vector constant of the workspace's floating type. */
    default Tensor vector(double... values) {
        return constant(HostArray.of(Shape.of(values.length), floatType(), values));
    }

    /** A tensor of the given shape with every element equal to {@code value}. */
    default Tensor fill(Shape shape, double value) {
        return broadcastTo(scalar(value), shape);
    }

    /** Zeros of the workspace's floating type. */
    default Tensor zeros(Shape shape) {
        return fill(shape, 0.0);
    }

    /** Ones of the workspace's floating type. */
    default Tensor ones(Shape shape) {
        return fill(shape, 1.0);
    }

    /** The n-by-n identity matrix of the workspace's floating type. */
    Tensor eye(long n);

    Tensor unary(UnaryOp op, Tensor x);

    Tensor binary(BinaryOp op, Tensor a, Tensor b);

    /** Elementwise choice: {@code ifTrue} where the BOOL condition holds, else {@code ifFalse} (broadcasting). */
    Tensor where(Tensor condition, Tensor ifTrue, Tensor ifFalse);

    /** Reduces over the given axes (all axes when none are given); negative axes count from the end. */
    Tensor reduce(Reduction op, Tensor x, boolean keepDims, int... axes);

    /** Matrix product over the last two axes, optionally transposing either operand. */
    Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB);

    Tensor reshape(Tensor x, Shape shape);

    Tensor transpose(Tensor x, int... permutation);

    /** Joins tensors along an existing axis. */
    Tensor concat(int axis, List<Tensor> parts);

    /** Joins tensors of equal shape along a new axis. */
    default Tensor stack(int axis, List<Tensor> parts) {
        List<Tensor> expanded = new ArrayList<>(parts.size());
        for (Tensor p : parts) {
            int r = p.shape().rank();
            int a = axis < 0 ? axis + r + 1 : axis;
            long[] d = p.shape().dims();
            long[] e = new long[r + 1];
            System.arraycopy(d, 0, e, 0, a);
            e[a] = 1;
            System.arraycopy(d, a, e, a + 1, r - a);
            expanded.add(reshape(p, Shape.of(e)));
        }
        return concat(axis, expanded);
    }

    /** The block starting at {@code begin} with the given size per axis (-1 means "to the end"). */
    Tensor slice(Tensor x, long[] begin, long[] size);

    /** Selects slices of {@code x} along {@code axis} at the INT32/INT64 {@code indices}. */
    Tensor gather(Tensor x, Tensor indices, int axis);

    /** One-hot encoding along a new last axis. */
    Tensor oneHot(Tensor indices, int depth, DType dtype);

    Tensor broadcastTo(Tensor x, Shape shape);

    Tensor cast(Tensor x, DType dtype);

    /** The identity in the forward pass, a zero gradient in the backward pass. */
    Tensor stopGradient(Tensor x);

    /** Index of the largest element along {@code axis}, as INT32. */
    Tensor argMax(Tensor x, int axis);

    /** The {@code k} largest values along the last axis, in descending order (differentiable in the values). */
    Tensor topK(Tensor x, int k);

    /**
     * The {@code n}-th smallest value (0-based) along the last axis, found by selection rather than sorting; not
     * differentiable (its gradient is zero).
     */
    Tensor nthElement(Tensor x, int n);

    /** Cumulative sum along an axis. */
    Tensor cumsum(Tensor x, int axis);

    /**
     * Lower Cholesky factor of symmetric positive-definite matrices. A matrix that is not numerically positive
     * definite yields non-finite entries (check the diagonal), not an exception.
     */
    Tensor cholesky(Tensor a);

    /** Solves {@code op(matrix) X = rhs} for triangular {@code matrix}; {@code op} is the transpose if adjoint. */
    Tensor triangularSolve(Tensor matrix, Tensor rhs, boolean lower, boolean adjoint);

    /** Solves {@code op(matrix) X = rhs} for a general square {@code matrix}. */
    Tensor solve(Tensor matrix, Tensor rhs, boolean adjoint);

    /** The main diagonal of the last two axes. */
    Tensor diagPart(Tensor a);

    /** A diagonal matrix with the given vector (last axis) on its diagonal. */
    Tensor diag(Tensor v);

    /** 2-D convolution, input NHWC, filter [height, width, in, out]. */
    Tensor conv2d(Tensor input, Tensor filter, int strideH, int strideW, Padding padding);

    /**
     * Transposed 2-D convolution (the gradient of {@link #conv2d} with respect to its input), input NHWC, filter
     * [height, width, out, in], producing {@code outputShape}.
     */
    Tensor conv2dTranspose(Tensor input, Tensor filter, Shape outputShape, int strideH, int strideW, Padding padding);

    /** Uniform draws on [0, 1). */
    Tensor randomUniform(Shape shape, DType dtype, Tensor seed);

    /** Standard normal draws. */
    Tensor randomNormal(Shape shape, DType dtype, Tensor seed);

    /** Gamma(alpha, 1) draws of alpha's shape, differentiable with respect to alpha (implicit reparameterisation). */
    Tensor randomGamma(Tensor alpha, Tensor seed);

    /** A seed for an independent stream: {@code seed + [0, offset]}. */
    default Tensor offsetSeed(Tensor seed, long offset) {
        return binary(BinaryOp.ADD, seed, constant(HostArray.ofLongs(Shape.of(2), new long[] {0L, offset})));
    }

    /** Gradients of the scalar {@code y} with respect to each of {@code xs}; zeros where {@code y} does not depend. */
    default List<Tensor> gradients(Tensor y, List<Tensor> xs) {
        return gradients(List.of(y), xs, null);
    }

    /**
     * Gradients of {@code sum_i <seeds_i, ys_i>} with respect to each of {@code xs} (seeds default to ones when
     * {@code null}); zeros where the ys do not depend on an x.
     */
    List<Tensor> gradients(List<Tensor> ys, List<Tensor> xs, List<Tensor> seeds);

    /**
     * The sum of the squares of every element of {@code x}, a scalar: {@code x.square().sum()}, which a backend may
     * compute in one pass.
     */
    default Tensor sumOfSquares(Tensor x) {
        return reduce(Reduction.SUM, unary(UnaryOp.SQUARE, x), false);
    }

    /** The current value of a workspace variable. Within one function, every read returns the same tensor. */
    Tensor read(Variable variable);

    /**
     * Sets a workspace variable to {@code value} when the function runs, after every output of the function has
     * been computed from the old values.
     */
    void assign(Variable variable, Tensor value);

    /**
     * As {@link #assign}, but only when the BOOL scalar {@code condition} holds when the function runs; otherwise
     * the variable keeps its value. The default selects between {@code value} and the old value; a backend with
     * control flow skips the write instead, so a false condition costs nothing and a true one no selection pass.
     */
    default void assignIf(Tensor condition, Variable variable, Tensor value) {
        assign(variable, where(condition, value, read(variable)));
    }
}
