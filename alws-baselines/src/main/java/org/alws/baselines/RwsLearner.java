package org.alws.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.model.TraceResult;
import org.alws.api.tensor.Tensor;

/**
 * Reweighted wake-sleep (Bornschein and Bengio, 2015): with K draws z_k ~ q(z | x) (no reparameterisation, so
 * discrete latents are fine) and self-normalised weights w̄_k ∝ p(z_k, x) / q(z_k | x), wake-θ ascends
 * Σ_k w̄_k log p_θ(z_k, x); the guide ascends wake-φ, Σ_k w̄_k log q_φ(z_k | x) (a self-normalised estimate of
 * −KL(p(z | x) ‖ q)), sleep-φ, log q_φ(z | x) at dreamed (z, x) ~ p_θ (K·B dreams per step), or the mean of both.
 * The reported loss is minus the importance-weighted bound.
 *
 * <p><b>As a score estimator</b> it returns Σ_k w̄_k ∇θ log p(z_k, x_m) with K = {@code budget} (after fitting the
 * guide at fixed θ): self-normalised importance sampling, biased by O(1/K), consistent as K → ∞.
 */
public final class RwsLearner extends ParticleLearner {
    private final RwsOptions options;

    public RwsLearner(RwsOptions options) {
        super("rws", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public RwsOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.particles();
    }

    @Override
    String key() {
        return "rws-k" + options.particles() + "-" + options.guideUpdate().name().toLowerCase(java.util.Locale.ROOT)
                + "-" + Integer.toHexString(options.guide().toString().hashCode());
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        Tensor xk = p.tile(x, k);
        TraceResult q = p.propose(xk, seed);
        Map<String, Tensor> z = p.stopped(p.latentValues(q));
        TraceResult m = p.scoreModel(z, xk);
        Tensor logP = Particles.byParticle(m.logJoint(), k);
        Tensor logW = logP.sub(Particles.byParticle(q.logJoint().stopGradient(), k));
        Tensor wBar = Particles.normalisedWeights(logW);
        Tensor bound = logW.logMeanExp(0);
        Tensor theta = wBar.mul(logP).sum(0).mul(weights).sum();
        Tensor guideLoss = null;
        if (purpose.needsGuideUpdate()) {
            Tensor wake = null;
            Tensor sleep = null;
            if (options.guideUpdate() != GuideUpdate.SLEEP) {
                Tensor logQ = Particles.byParticle(p.scoreGuide(z, xk).logJoint(), k);
                wake = wBar.mul(logQ).sum(0).mul(weights).sum().neg();
            }
            if (options.guideUpdate() != GuideUpdate.WAKE) {
                sleep = p.sleepLoss(Math.toIntExact(xk.dim(0)), seed);
            }
            guideLoss = wake == null ? sleep : sleep == null ? wake : wake.add(sleep).mul(0.5);
        }
        Map<String, Tensor> metrics = new LinkedHashMap<>();
        metrics.put("iwae", bound.mean());
        metrics.put("elbo", logW.mean());
        metrics.put("ess", Particles.effectiveSampleSize(wBar));
        return new Objectives(bound, theta, guideLoss, false, null, m, metrics);
    }

    @Override
    public String toString() {
        return "rws(K=" + options.particles() + ", " + options.guideUpdate().name().toLowerCase(java.util.Locale.ROOT)
                + "-phi)";
    }
}
