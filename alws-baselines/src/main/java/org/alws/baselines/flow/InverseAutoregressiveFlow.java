package org.alws.baselines.flow;

import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * One inverse autoregressive flow layer (Kingma et al., 2016) with a masked (MADE-style) autoregressive linear map:
 * (m, s) = (z M_m + c_m, z M_s + c_s), where M_m, M_s are d × d matrices masked so that output j depends only on
 * the inputs before j in the layer's ordering, and c_m, c_s are the context. Then z' = σ(s) ⊙ z + (1 − σ(s)) ⊙ m,
 * whose Jacobian is triangular in that ordering with diagonal σ(s), so log|det| = Σ_j log σ(s_j).
 *
 * <p>The ordering is 1, ..., d, or d, ..., 1 when {@code reversed} (a stack alternates them so that every
 * coordinate can depend on every other). Parameters per row, P = 2d² + 2d: M_m [d, d] row-major (input, output),
 * M_s [d, d], c_m [d], c_s [d]; masked entries are ignored. The initial c_s is {@value #GATE_BIAS}, so that the gate
 * σ(s) starts near 1 (near the identity).
 */
public final class InverseAutoregressiveFlow implements Flow {
    /** The initial context of s: σ(2) ≈ 0.88 keeps most of z at the start. */
    public static final double GATE_BIAS = 2.0;

    private final boolean reversed;

    public InverseAutoregressiveFlow(boolean reversed) {
        this.reversed = reversed;
    }

    /** Whether the ordering is d, ..., 1. */
    public boolean reversed() {
        return reversed;
    }

    @Override
    public int parameterCount(int dimension) {
        return 2 * dimension * dimension + 2 * dimension;
    }

    @Override
    public double[] initialParameters(int dimension) {
        double[] p = new double[parameterCount(dimension)];
        java.util.Arrays.fill(p, 2 * dimension * dimension + dimension, p.length, GATE_BIAS);
        return p;
    }

    /** Whether output {@code j} may depend on input {@code i} in this layer's ordering. */
    public boolean precedes(int i, int j) {
        return reversed ? i > j : i < j;
    }

    @Override
    public Step forward(Tensor z, Tensor parameters) {
        long n = z.dim(0);
        int d = Math.toIntExact(z.dim(1));
        double[] mask = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                mask[i * d + j] = precedes(i, j) ? 1 : 0;
            }
        }
        Tensor m0 = z.ops().constant(HostArray.of(Shape.of(d, d), z.dtype(), mask));
        long dd = (long) d * d;
        Tensor column = z.reshape(n, d, 1);
        Tensor mm = Flow.columns(parameters, 0, dd).reshape(n, d, d).mul(m0);
        Tensor ms = Flow.columns(parameters, dd, dd).reshape(n, d, d).mul(m0);
        Tensor m = column.mul(mm).sum(1).add(Flow.columns(parameters, 2 * dd, d));
        Tensor s = column.mul(ms).sum(1).add(Flow.columns(parameters, 2 * dd + d, d));
        Tensor gate = s.sigmoid();
        Tensor out = gate.mul(z).add(gate.rsub(1.0).mul(m));
        return new Step(out, s.logSigmoid().sum(1));
    }

    @Override
    public String toString() {
        return reversed ? "iaf (reversed)" : "iaf";
    }
}
