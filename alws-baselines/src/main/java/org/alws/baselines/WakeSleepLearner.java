package org.alws.baselines;

import java.util.Map;
import org.alws.api.model.TraceResult;
import org.alws.api.tensor.Tensor;

/**
 * Wake-sleep, the Helmholtz machine (Hinton et al., 1995): wake-θ ascends log p_θ(z, x) at one draw z ~ q(z | x)
 * per point; sleep-φ ascends log q_φ(z | x) at {@code sleepSamples} dreamed samples (z, x) ~ p_θ. No
 * reparameterisation is needed, so discrete latents are fine. The reported loss is minus the single-sample ELBO.
 *
 * <p><b>As a score estimator</b> it returns (1/K) Σ_k ∇θ log p(z_k, x_m), z_k ~ q, K = {@code budget}, after sleep
 * steps at fixed θ. Like the VAE's it is the gradient of the ELBO, biased by the gap between q and the posterior,
 * and more so because q minimises the wrong KL (KL(p ‖ q) on dreams, not KL(q ‖ p(z | x)) at the data); more
 * samples do not remove that bias.
 */
public final class WakeSleepLearner extends ParticleLearner {
    private final WakeSleepOptions options;

    public WakeSleepLearner(WakeSleepOptions options) {
        super("wake-sleep", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public WakeSleepOptions options() {
        return options;
    }

    @Override
    int particles() {
        return 1;
    }

    @Override
    String key() {
        return "wake-sleep-s" + options.sleepSamples() + "-"
                + Integer.toHexString(options.guide().toString().hashCode());
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        Tensor xk = p.tile(x, k);
        TraceResult q = p.propose(xk, seed);
        TraceResult m = p.scoreModel(p.stopped(p.latentValues(q)), xk);
        Tensor logP = Particles.byParticle(m.logJoint(), k);
        Tensor logQ = Particles.byParticle(q.logJoint().stopGradient(), k);
        Tensor elbo = logP.sub(logQ).mean(0);
        Tensor theta = logP.mean(0).mul(weights).sum();
        Tensor guideLoss = purpose.needsGuideUpdate() ? p.sleepLoss(options.sleepSamples(), seed) : null;
        return new Objectives(elbo, theta, guideLoss, false, null, m, Map.of("elbo", elbo.mean()));
    }

    @Override
    public String toString() {
        return "wake-sleep(" + options.sleepSamples() + " dreams)";
    }
}
