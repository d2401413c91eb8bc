package org.alws.baselines;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.alws.api.tensor.Tensor;

/**
 * VIMCO (Mnih and Rezende, 2016): the multi-sample bound L_K(x) = log (1/K) Σ_k w_k, w_k = p(z_k, x) / q(z_k | x),
 * with K draws z_k ~ q that are not reparameterised, so discrete latents (Categorical, Bernoulli) are fine. The
 * guide follows the score-function gradient with leave-one-out baselines,
 * Σ_k (L_K − L_{−k}) ∇φ log q(z_k | x) + Σ_k w̄_k ∇φ log w_k, where L_{−k} replaces w_k by the geometric (or
 * arithmetic) mean of the other weights; L_{−k} does not depend on z_k, so the estimate of ∇φ E[L_K] is unbiased.
 * θ follows the IWAE gradient Σ_k w̄_k ∇θ log p(z_k, x). The reported loss is minus the bound.
 *
 * <p><b>As a score estimator</b> it returns Σ_k w̄_k ∇θ log p(z_k, x_m) with K = {@code budget} (after fitting the
 * guide at fixed θ with VIMCO's gradient): the IWAE θ-gradient, a self-normalised importance-sampling estimate of
 * ∇θ log p(x_m) whose bias is O(1/K) and vanishes as K grows (when the guide covers the posterior).
 */
public final class VimcoLearner extends ParticleLearner {
    private final VimcoOptions options;

    public VimcoLearner(VimcoOptions options) {
        super("vimco", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public VimcoOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.particles();
    }

    @Override
    String key() {
        return "vimco-k" + options.particles() + "-" + options.baseline().name().toLowerCase(Locale.ROOT) + "-"
                + Integer.toHexString(options.guide().toString().hashCode());
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        boolean guideStep = purpose.needsGuideUpdate() && k > 1;
        ScoreFunction.Draws d = ScoreFunction.draw(p, p.tile(x, k), seed, k, guideStep);
        Tensor logW = d.logWeights();
        Tensor bound = logW.logMeanExp(0);
        Tensor objective = bound;
        if (guideStep) {
            Tensor loo = ScoreFunction.leaveOneOutBounds(p.ops, logW,
                    options.baseline() == VimcoBaseline.GEOMETRIC);
            Tensor signal = loo.neg().add(bound.stopGradient());
            objective = bound.add(ScoreFunction.reinforce(signal, d.logQ()).sum(0));
        }
        Tensor theta = objective.mul(weights).sum();
        Tensor wBar = Particles.normalisedWeights(logW);
        Map<String, Tensor> metrics = new LinkedHashMap<>();
        metrics.put("iwae", bound.mean());
        metrics.put("elbo", logW.mean());
        metrics.put("ess", Particles.effectiveSampleSize(wBar));
        return new Objectives(bound, theta, theta.neg(), true, null, d.model(), metrics);
    }

    @Override
    public String toString() {
        return "vimco(K=" + options.particles() + ", " + options.baseline().name().toLowerCase(Locale.ROOT)
                + "-mean baseline)";
    }
}
