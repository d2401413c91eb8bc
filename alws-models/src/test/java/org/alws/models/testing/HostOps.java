package org.alws.models.testing;

import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.backend.Variable;
import org.alws.api.tensor.BinaryOp;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Padding;
import org.alws.api.tensor.Reduction;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.api.tensor.UnaryOp;

/**
 * An eager FLOAT64 implementation of the subset of {@link TensorOps} that simple model programs use: elementwise
 * arithmetic with NumPy broadcasting, the common unary functions, sums and means, 2-D matrix products, reshapes and
 * broadcasts, and normal and uniform draws. Everything else throws {@link UnsupportedOperationException}. For tests
 * only: it checks what a program computes, not how a backend traces it.
 */
public final class HostOps implements TensorOps {

    /** A tensor with its values. */
    public record HostTensor(Shape shape, double[] data, HostOps ops) implements Tensor {
        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        /** The values as a host array. */
        public HostArray value() {
            return HostArray.of(shape, data.clone());
        }
    }

    /** The values of a tensor made by these operations. */
    public static double[] values(Tensor t) {
        return ((HostTensor) t).data();
    }

    private HostTensor t(Shape s, double[] d) {
        return new HostTensor(s, d, this);
    }

    private static HostTensor h(Tensor x) {
        return (HostTensor) x;
    }

    @Override
    public DType floatType() {
        return DType.FLOAT64;
    }

    @Override
    public Tensor constant(HostArray value) {
        return t(value.shape(), value.doubles().clone());
    }

    @Override
    public Tensor eye(long n) {
        int m = Math.toIntExact(n);
        double[] d = new double[m * m];
        for (int i = 0; i < m; i++) {
            d[i * m + i] = 1;
        }
        return t(Shape.of(n, n), d);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        double[] a = h(x).data();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double v = a[i];
            out[i] = switch (op) {
                case NEG -> -v;
                case ABS -> Math.abs(v);
                case SIGN -> Math.signum(v);
                case EXP -> Math.exp(v);
                case LOG -> Math.log(v);
                case LOG1P -> Math.log1p(v);
                case EXPM1 -> Math.expm1(v);
                case SQRT -> Math.sqrt(v);
                case RSQRT -> 1 / Math.sqrt(v);
                case SQUARE -> v * v;
                case RECIPROCAL -> 1 / v;
                case SIN -> Math.sin(v);
                case COS -> Math.cos(v);
                case TANH -> Math.tanh(v);
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case SOFTPLUS -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
                case RELU -> Math.max(v, 0);
                default -> throw new UnsupportedOperationException("HostOps: unary " + op);
            };
        }
        return t(x.shape(), out);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Shape s = Shape.broadcast(a.shape(), b.shape());
        double[] x = h(broadcastTo(a, s)).data();
        double[] y = h(broadcastTo(b, s)).data();
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (op) {
                case ADD -> x[i] + y[i];
                case SUB -> x[i] - y[i];
                case MUL -> x[i] * y[i];
                case DIV -> x[i] / y[i];
                case POW -> Math.pow(x[i], y[i]);
                case MAXIMUM -> Math.max(x[i], y[i]);
                case MINIMUM -> Math.min(x[i], y[i]);
                default -> throw new UnsupportedOperationException("HostOps: binary " + op);
            };
        }
        return t(s, out);
    }

    @Override
    public Tensor where(Tensor condition, Tensor ifTrue, Tensor ifFalse) {
        throw new UnsupportedOperationException("HostOps: where");
    }

    @Override
    public Tensor reduce(Reduction op, Tensor x, boolean keepDims, int... axes) {
        if (op != Reduction.SUM && op != Reduction.MEAN) {
            throw new UnsupportedOperationException("HostOps: reduce " + op);
        }
        long[] dims = x.shape().dims();
        int rank = dims.length;
        boolean[] reduced = new boolean[rank];
        if (axes.length == 0) {
            java.util.Arrays.fill(reduced, true);
        }
        for (int a : axes) {
            reduced[a < 0 ? a + rank : a] = true;
        }
        long[] kept = dims.clone();
        long count = 1;
        for (int i = 0; i < rank; i++) {
            if (reduced[i]) {
                kept[i] = 1;
                count *= dims[i];
            }
        }
        Shape keptShape = Shape.of(kept);
        double[] out = new double[keptShape.intSize()];
        double[] in = h(x).data();
        int[] index = new int[rank];
        for (int flat = 0; flat < in.length; flat++) {
            int o = 0;
            for (int i = 0; i < rank; i++) {
                o = o * (int) kept[i] + (reduced[i] ? 0 : index[i]);
            }
            out[o] += in[flat];
            for (int i = rank - 1; i >= 0; i--) {
                if (++index[i] < dims[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        if (op == Reduction.MEAN) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= count;
            }
        }
        if (keepDims) {
            return t(keptShape, out);
        }
        long[] squeezed = java.util.stream.IntStream.range(0, rank).filter(i -> !reduced[i]).mapToLong(i -> dims[i])
                .toArray();
        return t(Shape.of(squeezed), out);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        if (a.shape().rank() != 2 || b.shape().rank() != 2) {
            throw new UnsupportedOperationException("HostOps: matmul of ranks other than 2");
        }
        Tensor x = transposeA ? transpose(a, 1, 0) : a;
        Tensor y = transposeB ? transpose(b, 1, 0) : b;
        int n = (int) x.dim(0);
        int k = (int) x.dim(1);
        int m = (int) y.dim(1);
        if (y.dim(0) != k) {
            throw new IllegalArgumentException("HostOps: matmul of " + x.shape() + " and " + y.shape());
        }
        double[] p = h(x).data();
        double[] q = h(y).data();
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double v = p[i * k + l];
                for (int j = 0; j < m; j++) {
                    out[i * m + j] += v * q[l * m + j];
                }
            }
        }
        return t(Shape.of(n, m), out);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        if (shape.size() != x.shape().size()) {
            throw new IllegalArgumentException("HostOps: reshape " + x.shape() + " to " + shape);
        }
        return t(shape, h(x).data());
    }

    @Override
    public Tensor transpose(Tensor x, int... permutation) {
        if (x.shape().rank() != 2 || permutation[0] != 1) {
            throw new UnsupportedOperationException("HostOps: transpose other than of a matrix");
        }
        int n = (int) x.dim(0);
        int m = (int) x.dim(1);
        double[] in = h(x).data();
        double[] out = new double[in.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[j * n + i] = in[i * m + j];
            }
        }
        return t(Shape.of(m, n), out);
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        throw new UnsupportedOperationException("HostOps: concat");
    }

    @Override
    public Tensor slice(Tensor x, long[] begin, long[] size) {
        throw new UnsupportedOperationException("HostOps: slice");
    }

    @Override
    public Tensor gather(Tensor x, Tensor indices, int axis) {
        throw new UnsupportedOperationException("HostOps: gather");
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        throw new UnsupportedOperationException("HostOps: oneHot");
    }

    @Override
    public Tensor broadcastTo(Tensor x, Shape shape) {
        Shape s = Shape.broadcast(x.shape(), shape);
        if (!s.equals(shape)) {
            throw new IllegalArgumentException("HostOps: cannot broadcast " + x.shape() + " to " + shape);
        }
        long[] from = x.shape().dims();
        long[] to = shape.dims();
        int rank = to.length;
        int offset = rank - from.length;
        double[] in = h(x).data();
        double[] out = new double[shape.intSize()];
        int[] index = new int[rank];
        for (int flat = 0; flat < out.length; flat++) {
            int src = 0;
            for (int i = 0; i < from.length; i++) {
                src = src * (int) from[i] + (from[i] == 1 ? 0 : index[i + offset]);
            }
            out[flat] = in[src];
            for (int i = rank - 1; i >= 0; i--) {
                if (++index[i] < to[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        return t(shape, out);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        if (!dtype.isFloating()) {
            throw new UnsupportedOperationException("HostOps: cast to " + dtype);
        }
        return x;
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return x;
    }

    @Override
    public Tensor argMax(Tensor x, int axis) {
        throw new UnsupportedOperationException("HostOps: argMax");
    }

    @Override
    public Tensor topK(Tensor x, int k) {
        throw new UnsupportedOperationException("HostOps: topK");
    }

    @Override
    public Tensor cumsum(Tensor x, int axis) {
        throw new UnsupportedOperationException("HostOps: cumsum");
    }

    @Override
    public Tensor cholesky(Tensor a) {
        throw new UnsupportedOperationException("HostOps: cholesky");
    }

    @Override
    public Tensor triangularSolve(Tensor matrix, Tensor rhs, boolean lower, boolean adjoint) {
        throw new UnsupportedOperationException("HostOps: triangularSolve");
    }

    @Override
    public Tensor solve(Tensor matrix, Tensor rhs, boolean adjoint) {
        throw new UnsupportedOperationException("HostOps: solve");
    }

    @Override
    public Tensor diagPart(Tensor a) {
        throw new UnsupportedOperationException("HostOps: diagPart");
    }

    @Override
    public Tensor diag(Tensor v) {
        throw new UnsupportedOperationException("HostOps: diag");
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor filter, int strideH, int strideW, Padding padding) {
        throw new UnsupportedOperationException("HostOps: conv2d");
    }

    @Override
    public Tensor conv2dTranspose(Tensor input, Tensor filter, Shape outputShape, int strideH, int strideW,
            Padding padding) {
        throw new UnsupportedOperationException("HostOps: conv2dTranspose");
    }

    private static SplittableRandom generator(Tensor seed) {
        double[] s = h(seed).data();
        return new SplittableRandom((long) s[0] * 0x9E3779B97F4A7C15L + (long) s[1]);
    }

    @Override
    public Tensor randomUniform(Shape shape, DType dtype, Tensor seed) {
        SplittableRandom r = generator(seed);
        double[] out = new double[shape.intSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.nextDouble();
        }
        return t(shape, out);
    }

    @Override
    public Tensor randomNormal(Shape shape, DType dtype, Tensor seed) {
        SplittableRandom r = generator(seed);
        double[] out = new double[shape.intSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.nextGaussian();
        }
        return t(shape, out);
    }

    @Override
    public Tensor randomGamma(Tensor alpha, Tensor seed) {
        throw new UnsupportedOperationException("HostOps: randomGamma");
    }

    @Override
    public List<Tensor> gradients(List<Tensor> ys, List<Tensor> xs, List<Tensor> seeds) {
        throw new UnsupportedOperationException("HostOps: gradients");
    }

    @Override
    public Tensor read(Variable variable) {
        throw new UnsupportedOperationException("HostOps: read");
    }

    @Override
    public void assign(Variable variable, Tensor value) {
        throw new UnsupportedOperationException("HostOps: assign");
    }
}
