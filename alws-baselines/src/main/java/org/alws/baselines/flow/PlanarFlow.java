package org.alws.baselines.flow;

import org.alws.api.tensor.Tensor;

/**
 * The planar flow of Rezende and Mohamed (2015): f(z) = z + û h(wᵀz + b) with h = tanh and
 * log|det ∂f/∂z| = log|1 + h'(wᵀz + b) ûᵀw|. The raw u is reparameterised as
 * û = u + (m(wᵀu) − wᵀu) w / ‖w‖², m(a) = −1 + softplus(a), so that wᵀû = m(wᵀu) > −1 and the map is invertible
 * whatever u and w; a row with w = 0 (where the map is the identity whatever u) takes û = u.
 *
 * <p>Parameters per row, P = 2d + 1: u [d], w [d], b.
 */
public final class PlanarFlow implements Flow {

    @Override
    public int parameterCount(int dimension) {
        return 2 * dimension + 1;
    }

    /** û from u and w [N, d], row by row: wᵀû = −1 + softplus(wᵀu) wherever w ≠ 0. */
    public static Tensor reparameterisedU(Tensor u, Tensor w) {
        long n = u.dim(0);
        Tensor wu = w.mul(u).sum(1).reshape(n, 1);
        Tensor norm2 = w.square().sum(1).reshape(n, 1);
        // A zero w gets the divisor 1 (and a zero correction); dividing first and selecting after would give NaN
        // gradients.
        Tensor safe = u.ops().where(norm2.gt(0.0), norm2, u.ops().ones(norm2.shape()).cast(norm2.dtype()));
        Tensor correction = wu.softplus().sub(1.0).sub(wu).div(safe);
        return u.add(correction.mul(w));
    }

    @Override
    public Step forward(Tensor z, Tensor parameters) {
        long n = z.dim(0);
        int d = Math.toIntExact(z.dim(1));
        Tensor u = Flow.columns(parameters, 0, d);
        Tensor w = Flow.columns(parameters, d, d);
        Tensor b = Flow.columns(parameters, 2L * d, 1);
        Tensor uHat = reparameterisedU(u, w);
        Tensor h = w.mul(z).sum(1).reshape(n, 1).add(b).tanh();
        Tensor out = z.add(uHat.mul(h));
        Tensor slope = h.square().rsub(1.0);
        Tensor logDet = slope.mul(uHat.mul(w).sum(1).reshape(n, 1)).add(1.0).abs().log().reshape(n);
        return new Step(out, logDet);
    }

    @Override
    public String toString() {
        return "planar";
    }
}
