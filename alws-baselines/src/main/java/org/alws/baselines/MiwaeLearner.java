package org.alws.baselines;

import org.alws.api.tensor.Tensor;

/**
 * MIWAE, the multiply importance-weighted autoencoder (Rainforth et al., 2018): θ and φ ascend the mean of M
 * independent IWAE bounds of K reparameterised particles each, (1/M) Σ_m log (1/K) Σ_k w_mk, from M·K particles per
 * point. M = 1 is the IWAE, K = 1 the ELBO of M samples; for a fixed budget M·K, a larger M trades tightness for a
 * higher signal-to-noise ratio of the encoder's gradient. Needs reparameterisable latents. The reported loss is
 * minus that mean bound.
 *
 * <p><b>As a score estimator</b> it keeps the M groups and gives each K' = max(1, ⌊budget / M⌋) particles: it
 * returns (1/M) Σ_m Σ_k w̄_mk ∇θ log p(z_mk, x_m), the mean of M self-normalised importance-sampling estimates of
 * K' particles each, after fitting the guide at fixed θ. Its bias is that of one of them, O(1/K') = O(M / budget)
 * (averaging over groups reduces only the variance); it vanishes as the budget grows.
 */
public final class MiwaeLearner extends ReparameterisedBoundLearner {
    private final MiwaeOptions options;

    public MiwaeLearner(MiwaeOptions options) {
        super("miwae", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public MiwaeOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.groups() * options.particles();
    }

    @Override
    String key() {
        return "miwae-m" + options.groups() + "-k" + options.particles() + "-" + guideKey(options.guide());
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int budget, Tensor weights, Purpose purpose) {
        int m = options.groups();
        int k = Math.max(1, budget / m);
        Weighted w = weigh(p, x, seed, m * k);
        Tensor bound = groupedBound(w.logW(), m);
        Tensor theta = bound.mul(weights).sum();
        return new Objectives(bound, theta, theta.neg(), true, null, w.model(), metrics(w.logW()));
    }

    @Override
    public String toString() {
        return "miwae(M=" + options.groups() + ", K=" + options.particles() + ")";
    }
}
