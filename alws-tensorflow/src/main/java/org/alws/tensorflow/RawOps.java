package org.alws.tensorflow;

import java.util.function.Consumer;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.op.Scope;
import org.tensorflow.proto.DataType;

/**
 * Builds TensorFlow operations by op type name, untyped. One small vocabulary used both to trace ALWS functions and
 * to write Java gradients, which keeps the backend free of TensorFlow Java's generic wrappers.
 */
final class RawOps {
    private final Scope scope;

    RawOps(Scope scope) {
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }

    /** Builds an operation of {@code type} with the given inputs and attributes. */
    Operation build(String type, Consumer<OperationBuilder> attrs, Output<?>... inputs) {
        OperationBuilder b = scope.opBuilder(type, type);
        for (Output<?> in : inputs) {
            b.addInput(in);
        }
        if (attrs != null) {
            attrs.accept(b);
        }
        return b.build();
    }

    /** The first output of a new operation. */
    Output<?> op(String type, Output<?>... inputs) {
        return build(type, null, inputs).output(0);
    }

    Output<?> op(String type, Consumer<OperationBuilder> attrs, Output<?>... inputs) {
        return build(type, attrs, inputs).output(0);
    }

    /** A constant holding the host array converted to {@code type}. */
    Output<?> constant(HostArray value, DType type) {
        try (Tensor t = Conversions.toTensor(value, type)) {
            return op("Const", b -> {
                b.setAttr("value", t);
                b.setAttr("dtype", Conversions.dataType(type));
            });
        }
    }

    Output<?> scalar(double v, DataType type) {
        return constant(HostArray.scalar(v), Conversions.dtype(type));
    }

    Output<?> int32s(int... v) {
        return constant(HostArray.ofInts(Shape.of(v.length), v), DType.INT32);
    }

    Output<?> int64s(long... v) {
        return constant(HostArray.ofLongs(Shape.of(v.length), v), DType.INT64);
    }

    Output<?> int32(int v) {
        return constant(HostArray.ofInts(Shape.scalar(), new int[] {v}), DType.INT32);
    }

    Output<?> zerosLike(Output<?> x) {
        return op("ZerosLike", x);
    }

    Output<?> neg(Output<?> x) {
        return op("Neg", x);
    }

    Output<?> add(Output<?> a, Output<?> b) {
        return op("AddV2", a, b);
    }

    Output<?> mul(Output<?> a, Output<?> b) {
        return op("Mul", a, b);
    }

    /** Matrix product of two rank-2 operands. */
    Output<?> matmul(Output<?> a, Output<?> b, boolean transposeA, boolean transposeB) {
        return op("MatMul", x -> {
            x.setAttr("transpose_a", transposeA);
            x.setAttr("transpose_b", transposeB);
        }, a, b);
    }

    /**
     * Matrix product over the last two axes of operands of any rank (broadcasting batch axes). Used in gradient
     * functions, which must not query static shapes: TensorFlow holds the graph's lock while it builds gradients.
     */
    Output<?> batchMatmul(Output<?> a, Output<?> b, boolean transposeA, boolean transposeB) {
        return op("BatchMatMulV2", x -> {
            x.setAttr("adj_x", transposeA);
            x.setAttr("adj_y", transposeB);
        }, a, b);
    }

    /** Keeps the lower (or upper) triangle of the last two axes. */
    Output<?> triangle(Output<?> x, boolean lower) {
        return op("MatrixBandPart", x, scalarInt64(lower ? -1 : 0), scalarInt64(lower ? 0 : -1));
    }

    Output<?> scalarInt64(long v) {
        return constant(HostArray.ofLongs(Shape.scalar(), new long[] {v}), DType.INT64);
    }

    /** Solves a triangular system on the last two axes. */
    Output<?> triangularSolve(Output<?> matrix, Output<?> rhs, boolean lower, boolean adjoint) {
        return op("MatrixTriangularSolve", b -> {
            b.setAttr("lower", lower);
            b.setAttr("adjoint", adjoint);
        }, matrix, rhs);
    }

    Output<?> solve(Output<?> matrix, Output<?> rhs, boolean adjoint) {
        return op("MatrixSolve", b -> b.setAttr("adjoint", adjoint), matrix, rhs);
    }
}
