package org.alws.baselines;

import org.alws.api.tensor.Tensor;

/**
 * PIWAE, the partially importance-weighted autoencoder (Rainforth et al., 2018, "Tighter variational bounds are not
 * necessarily better"): θ ascends the IWAE bound L_K(x) = log (1/K) Σ_k w_k of K reparameterised particles, whose
 * tightness helps the model; the guide ascends, on the same particles, a looser bound whose encoder gradient keeps
 * its signal-to-noise ratio: the mean of the IWAE bounds of the K / K_φ groups of K_φ particles ({@code
 * guideParticles}; 1, the default, is the ELBO averaged over the K particles). Needs reparameterisable latents. The
 * reported loss is minus L_K.
 *
 * <p><b>As a score estimator</b> it returns ∇θ L_K(x_m) = Σ_k w̄_k ∇θ log p(z_k, x_m) with K = {@code budget}, after
 * fitting the guide at fixed θ on its own objective: self-normalised importance sampling, whose bias is O(1/K) and
 * vanishes as K grows (when the guide covers the posterior).
 */
public final class PiwaeLearner extends ReparameterisedBoundLearner {
    private final PiwaeOptions options;

    public PiwaeLearner(PiwaeOptions options) {
        super("piwae", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public PiwaeOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.particles();
    }

    @Override
    String key() {
        return "piwae-k" + options.particles() + "-kphi" + options.guideParticles() + "-" + guideKey(options.guide());
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        Weighted w = weigh(p, x, seed, k);
        Tensor bound = w.logW().logMeanExp(0);
        Tensor theta = bound.mul(weights).sum();
        Tensor guideLoss = null;
        if (purpose.needsGuideUpdate()) {
            int groups = k / options.guideParticles();
            guideLoss = groupedBound(w.logW(), groups).mul(weights).sum().neg();
        }
        return new Objectives(bound, theta, guideLoss, false, null, w.model(), metrics(w.logW()));
    }

    @Override
    public String toString() {
        return "piwae(K=" + options.particles() + ", K_phi=" + options.guideParticles() + ")";
    }
}
