package org.alws.baselines;

import java.util.Map;
import org.alws.api.model.TraceResult;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The shared machinery of the score-function (REINFORCE) learners, vimco and nvil: particles drawn from the guide
 * without reparameterisation (their values are constants, so discrete latents are fine), scored by the model and,
 * when φ is to be updated, scored again by the guide so that log q carries its φ-dependence only through the
 * density; and the surrogate terms whose gradient is a learning signal times ∇φ log q.
 */
final class ScoreFunction {
    private ScoreFunction() {
    }

    /**
     * K particles per point.
     *
     * @param model the model's scoring trace at the particles
     * @param logP log p(z_k, x) [K, B], differentiable in θ
     * @param logQ log q(z_k | x) [K, B], differentiable in φ through the density only (constant unless φ is
     *     updated)
     */
    record Draws(TraceResult model, Tensor logP, Tensor logQ) {
        /** log w = log p − log q, [K, B]. */
        Tensor logWeights() {
            return logP.sub(logQ);
        }
    }

    /** Draws K particles per point of the tiled data {@code xk} [K·B, ...] and scores them. */
    static Draws draw(Particles p, Tensor xk, Tensor seed, int k, boolean differentiableGuide) {
        TraceResult q = p.propose(xk, seed);
        Map<String, Tensor> z = p.stopped(p.latentValues(q));
        TraceResult m = p.scoreModel(z, xk);
        Tensor logQ = differentiableGuide ? p.scoreGuide(z, xk).logJoint() : q.logJoint().stopGradient();
        return new Draws(m, Particles.byParticle(m.logJoint(), k), Particles.byParticle(logQ, k));
    }

    /**
     * A term whose value is 0 and whose gradient is Σ signal ∇ log q: signal·(log q − stop(log q)), the signal a
     * constant. Added to an objective it contributes the score-function gradient without changing the value.
     */
    static Tensor reinforce(Tensor signal, Tensor logQ) {
        return signal.stopGradient().mul(logQ.sub(logQ.stopGradient()));
    }

    /**
     * The leave-one-out bounds of VIMCO, constants, [K, B]: L_{−k} = log (1/K)(Σ_{j≠k} w_j + ŵ_k), with ŵ_k the
     * geometric mean of the other weights, exp((1/(K−1)) Σ_{j≠k} log w_j), or their arithmetic mean.
     *
     * @param logW log weights [K, B], K ≥ 2
     */
    static Tensor leaveOneOutBounds(TensorOps ops, Tensor logW, boolean geometric) {
        Tensor lw = logW.stopGradient();
        int k = Math.toIntExact(lw.dim(0));
        long b = lw.dim(1);
        Shape cube = Shape.of(k, k, b);
        // [i, j, b]: true where j = i (the particle left out of row i).
        Tensor self = ops.eye(k).gt(0.5).reshape(k, k, 1).broadcastTo(cube);
        Tensor rows = lw.reshape(1, k, b).broadcastTo(cube);
        Tensor substitute;
        if (geometric) {
            substitute = lw.neg().add(lw.sum(0)).div(k - 1.0);
        } else {
            Tensor others = ops.where(self, ops.fill(cube, Double.NEGATIVE_INFINITY).cast(lw.dtype()), rows);
            substitute = others.logSumExp(1).sub(Math.log(k - 1.0));
        }
        Tensor replaced = ops.where(self, substitute.reshape(k, 1, b).broadcastTo(cube), rows);
        return replaced.logMeanExp(1).stopGradient();
    }
}
