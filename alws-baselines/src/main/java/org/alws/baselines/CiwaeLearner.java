package org.alws.baselines;

import org.alws.api.tensor.Tensor;

/**
 * CIWAE, the combination importance-weighted autoencoder (Rainforth et al., 2018): θ and φ ascend the convex
 * combination β·ELBO_K + (1 − β)·IWAE_K of the ELBO averaged over K reparameterised particles and the IWAE bound of
 * the same particles, a lower bound on log p(x) between the two. β = 1 is the VAE (with a Monte Carlo KL), β = 0
 * the IWAE; the terms whose weight is 0 are not built. Needs reparameterisable latents. The reported loss is minus
 * the combined bound.
 *
 * <p><b>As a score estimator</b> it returns β·(1/K) Σ_k ∇θ log p(z_k, x_m) + (1 − β)·Σ_k w̄_k ∇θ log p(z_k, x_m) with
 * K = {@code budget}, after fitting the guide at fixed θ. Its bias is β times the ELBO's, ∇θ KL(q ‖ p_θ(z | x)),
 * which more samples do not remove, plus (1 − β) times the IWAE's O(1/K): unless β = 0 it does not vanish as K
 * grows, only when the guide is the exact posterior.
 */
public final class CiwaeLearner extends ReparameterisedBoundLearner {
    private final CiwaeOptions options;

    public CiwaeLearner(CiwaeOptions options) {
        super("ciwae", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public CiwaeOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.particles();
    }

    @Override
    String key() {
        return "ciwae-k" + options.particles() + "-b" + options.beta() + "-" + guideKey(options.guide());
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        Weighted w = weigh(p, x, seed, k);
        double beta = options.beta();
        Tensor bound = null;
        if (beta > 0) {
            bound = w.logW().mean(0).mul(beta);
        }
        if (beta < 1) {
            Tensor iwae = w.logW().logMeanExp(0);
            iwae = beta == 0 ? iwae : iwae.mul(1 - beta);
            bound = bound == null ? iwae : bound.add(iwae);
        }
        Tensor theta = bound.mul(weights).sum();
        return new Objectives(bound, theta, theta.neg(), true, null, w.model(), metrics(w.logW()));
    }

    @Override
    public String toString() {
        return "ciwae(K=" + options.particles() + ", beta=" + options.beta() + ")";
    }
}
