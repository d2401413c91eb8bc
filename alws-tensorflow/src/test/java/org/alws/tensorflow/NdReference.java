package org.alws.tensorflow;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/** Row-major index arithmetic and plain-Java reference versions of tensor operations, for conformance tests. */
final class NdReference {
    private NdReference() {
    }

    /** The multi-index of flat position {@code flat} in an array of the given dimensions. */
    static int[] unravel(int flat, long[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = (int) (flat % dims[a]);
            flat /= (int) dims[a];
        }
        return idx;
    }

    /** The flat position of a multi-index. */
    static int ravel(int[] idx, long[] dims) {
        int flat = 0;
        for (int a = 0; a < dims.length; a++) {
            flat = flat * (int) dims[a] + idx[a];
        }
        return flat;
    }

    /** The flat position in {@code dims} of the output multi-index {@code out} under NumPy broadcasting. */
    static int broadcastSource(int[] out, long[] dims) {
        int offset = out.length - dims.length;
        int flat = 0;
        for (int a = 0; a < dims.length; a++) {
            int i = dims[a] == 1 ? 0 : out[a + offset];
            flat = flat * (int) dims[a] + i;
        }
        return flat;
    }

    /** f(a, b) elementwise with broadcasting; the result has the broadcast shape. */
    static HostArray broadcast(HostArray a, HostArray b, DoubleBinaryOperator f) {
        Shape s = Shape.broadcast(a.shape(), b.shape());
        long[] dims = s.dims();
        double[] out = new double[s.intSize()];
        double[] x = a.doubles();
        double[] y = b.doubles();
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            out[i] = f.applyAsDouble(x[broadcastSource(idx, a.shape().dims())],
                    y[broadcastSource(idx, b.shape().dims())]);
        }
        return HostArray.of(s, out);
    }

    /** {@code x} broadcast to {@code shape}. */
    static double[] broadcastTo(HostArray x, Shape shape) {
        long[] dims = shape.dims();
        double[] out = new double[shape.intSize()];
        double[] v = x.doubles();
        for (int i = 0; i < out.length; i++) {
            out[i] = v[broadcastSource(unravel(i, dims), x.shape().dims())];
        }
        return out;
    }

    /**
     * A reduction of {@code x} over {@code axes} (non-negative, distinct) with {@code f}, starting from
     * {@code init}; the mean is obtained by dividing a sum by the count.
     */
    static HostArray reduce(HostArray x, int[] axes, boolean keepDims, double init, DoubleBinaryOperator f) {
        long[] dims = x.shape().dims();
        boolean[] reduced = new boolean[dims.length];
        for (int a : axes) {
            reduced[a] = true;
        }
        long[] keptDims = dims.clone();
        for (int a = 0; a < dims.length; a++) {
            if (reduced[a]) {
                keptDims[a] = 1;
            }
        }
        double[] out = new double[Shape.of(keptDims).intSize()];
        java.util.Arrays.fill(out, init);
        double[] v = x.doubles();
        for (int i = 0; i < v.length; i++) {
            int[] idx = unravel(i, dims);
            for (int a = 0; a < dims.length; a++) {
                if (reduced[a]) {
                    idx[a] = 0;
                }
            }
            int o = ravel(idx, keptDims);
            out[o] = f.applyAsDouble(out[o], v[i]);
        }
        if (keepDims) {
            return HostArray.of(Shape.of(keptDims), out);
        }
        long[] squeezed = java.util.stream.IntStream.range(0, dims.length).filter(a -> !reduced[a])
                .mapToLong(a -> dims[a]).toArray();
        return HostArray.of(Shape.of(squeezed), out);
    }

    /** Matrix product over the last two axes of rank-2 or rank-3 operands, batch axes broadcast. */
    static HostArray matmul(HostArray a, HostArray b, boolean ta, boolean tb) {
        long[] da = a.shape().dims();
        long[] db = b.shape().dims();
        int ra = da.length;
        int rb = db.length;
        int m = (int) (ta ? da[ra - 1] : da[ra - 2]);
        int k = (int) (ta ? da[ra - 2] : da[ra - 1]);
        int n = (int) (tb ? db[rb - 2] : db[rb - 1]);
        int batchA = ra == 3 ? (int) da[0] : 1;
        int batchB = rb == 3 ? (int) db[0] : 1;
        int batch = Math.max(batchA, batchB);
        double[] x = a.doubles();
        double[] y = b.doubles();
        int sa = (int) (da[ra - 2] * da[ra - 1]);
        int sb = (int) (db[rb - 2] * db[rb - 1]);
        double[] out = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            int oa = batchA == 1 ? 0 : p * sa;
            int ob = batchB == 1 ? 0 : p * sb;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int l = 0; l < k; l++) {
                        double av = ta ? x[oa + l * m + i] : x[oa + i * k + l];
                        double bv = tb ? y[ob + j * k + l] : y[ob + l * n + j];
                        s += av * bv;
                    }
                    out[p * m * n + i * n + j] = s;
                }
            }
        }
        return HostArray.of(ra == 3 || rb == 3 ? Shape.of(batch, m, n) : Shape.of(m, n), out);
    }

    /** The (output size, leading padding) of one spatial axis of a TensorFlow convolution. */
    static int[] convGeometry(int in, int kernel, int stride, boolean same) {
        if (same) {
            int out = (in + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + kernel - in, 0);
            return new int[] {out, total / 2};
        }
        return new int[] {(in - kernel) / stride + 1, 0};
    }

    /** Naive NHWC convolution, filter [kh, kw, in, out]. */
    static HostArray conv2d(HostArray input, HostArray filter, int sh, int sw, boolean same) {
        long[] d = input.shape().dims();
        long[] f = filter.shape().dims();
        int n = (int) d[0];
        int h = (int) d[1];
        int w = (int) d[2];
        int c = (int) d[3];
        int kh = (int) f[0];
        int kw = (int) f[1];
        int o = (int) f[3];
        int[] gh = convGeometry(h, kh, sh, same);
        int[] gw = convGeometry(w, kw, sw, same);
        double[] x = input.doubles();
        double[] k = filter.doubles();
        double[] out = new double[n * gh[0] * gw[0] * o];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < gh[0]; i++) {
                for (int j = 0; j < gw[0]; j++) {
                    for (int q = 0; q < o; q++) {
                        double s = 0;
                        for (int u = 0; u < kh; u++) {
                            for (int v = 0; v < kw; v++) {
                                int r = i * sh + u - gh[1];
                                int col = j * sw + v - gw[1];
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue;
                                }
                                for (int p = 0; p < c; p++) {
                                    s += x[((b * h + r) * w + col) * c + p] * k[((u * kw + v) * c + p) * o + q];
                                }
                            }
                        }
                        out[((b * gh[0] + i) * gw[0] + j) * o + q] = s;
                    }
                }
            }
        }
        return HostArray.of(Shape.of(n, gh[0], gw[0], o), out);
    }

    /**
     * Naive transposed convolution: every input pixel scatters its filter-weighted values into the output, filter
     * [kh, kw, out, in], with the geometry of the forward convolution from {@code outputShape}.
     */
    static HostArray conv2dTranspose(HostArray input, HostArray filter, Shape outputShape, int sh, int sw,
            boolean same) {
        long[] d = input.shape().dims();
        long[] f = filter.shape().dims();
        int n = (int) d[0];
        int ih = (int) d[1];
        int iw = (int) d[2];
        int cin = (int) d[3];
        int kh = (int) f[0];
        int kw = (int) f[1];
        int cout = (int) f[2];
        int h = (int) outputShape.dim(1);
        int w = (int) outputShape.dim(2);
        int[] gh = convGeometry(h, kh, sh, same);
        int[] gw = convGeometry(w, kw, sw, same);
        if (gh[0] != ih || gw[0] != iw) {
            throw new IllegalArgumentException("input does not match the output geometry");
        }
        double[] y = input.doubles();
        double[] k = filter.doubles();
        double[] out = new double[n * h * w * cout];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < ih; i++) {
                for (int j = 0; j < iw; j++) {
                    for (int u = 0; u < kh; u++) {
                        for (int v = 0; v < kw; v++) {
                            int r = i * sh + u - gh[1];
                            int col = j * sw + v - gw[1];
                            if (r < 0 || r >= h || col < 0 || col >= w) {
                                continue;
                            }
                            for (int q = 0; q < cout; q++) {
                                double s = 0;
                                for (int p = 0; p < cin; p++) {
                                    s += y[((b * ih + i) * iw + j) * cin + p] * k[((u * kw + v) * cout + q) * cin + p];
                                }
                                out[((b * h + r) * w + col) * cout + q] += s;
                            }
                        }
                    }
                }
            }
        }
        return HostArray.of(outputShape, out);
    }

    /** Uniform draws on [lo, hi) of the given shape. */
    static HostArray uniform(SplittableRandom r, Shape shape, double lo, double hi) {
        double[] v = new double[shape.intSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return HostArray.of(shape, v);
    }
}
