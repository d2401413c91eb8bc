package org.alws.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.tensor.Tensor;
import org.alws.baselines.guide.GuideOptions;

/**
 * The shared part of the learners of Rainforth et al. (2018), piwae, miwae and ciwae: reparameterised particles and
 * their log weights, the mean of importance-weighted bounds over groups of particles, and the refusal of latents
 * that cannot be reparameterised.
 */
abstract class ReparameterisedBoundLearner extends ParticleLearner {

    ReparameterisedBoundLearner(String name, GuideOptions guide, int guideFitSteps, double guideFitLearningRate) {
        super(name, guide, guideFitSteps, guideFitLearningRate);
    }

    @Override
    public void checkCompatible(ModelStructure structure) {
        super.checkCompatible(structure);
        for (SiteInfo s : structure.latentSites()) {
            if (s.support().isDiscrete() || !s.reparameterized()) {
                throw VaeLearner.notReparameterisable(name(), "site '" + s.name() + "' is " + s.distribution());
            }
        }
    }

    @Override
    void checkGuide(ModelStructure guide) {
        VaeLearner.checkReparameterisedGuide(name(), guide);
    }

    /**
     * K reparameterised particles per point.
     *
     * @param model the model's scoring trace
     * @param logW log p(z_k, x) − log q(z_k | x) [K, B], differentiable in θ and (through z and q) in φ
     */
    record Weighted(TraceResult model, Tensor logW) {
    }

    /** Draws K reparameterised particles per point of x [B, ...] and weighs them. */
    static Weighted weigh(Particles p, Tensor x, Tensor seed, int k) {
        Tensor xk = p.tile(x, k);
        TraceResult q = p.propose(xk, seed);
        TraceResult m = p.scoreModel(p.latentValues(q), xk);
        return new Weighted(m, Particles.byParticle(m.logJoint().sub(q.logJoint()), k));
    }

    /**
     * The mean over {@code groups} groups of the importance-weighted bound of each, [B]: particle i belongs to group
     * i mod groups; the K particles make groups of K / groups. One group is the IWAE bound, K groups the ELBO.
     */
    static Tensor groupedBound(Tensor logW, int groups) {
        if (groups == 1) {
            return logW.logMeanExp(0);
        }
        long k = logW.dim(0);
        long b = logW.dim(1);
        if (groups == k) {
            return logW.mean(0);
        }
        return logW.reshape(k / groups, groups, b).logMeanExp(0).mean(0);
    }

    /** The usual metrics of K particles: the IWAE bound, the ELBO and the effective sample size. */
    static Map<String, Tensor> metrics(Tensor logW) {
        Map<String, Tensor> metrics = new LinkedHashMap<>();
        metrics.put("iwae", logW.logMeanExp(0).mean());
        metrics.put("elbo", logW.mean());
        metrics.put("ess", Particles.effectiveSampleSize(Particles.normalisedWeights(logW)));
        return metrics;
    }

    /** The guide options' short key for function names. */
    static String guideKey(GuideOptions guide) {
        return Integer.toHexString(guide.toString().hashCode());
    }
}
