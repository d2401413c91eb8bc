package org.alws.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.Variable;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.tensor.Tensor;

/**
 * The importance-weighted autoencoder (Burda et al., 2016): θ and φ ascend the bound
 * L_K(x) = E[log (1/K) Σ_k w_k], w_k = p(z_k, x) / q(z_k | x), with reparameterised draws z_k ~ q. With
 * {@code dreg} the guide follows the doubly-reparameterised gradient (Tucker et al., 2018),
 * Σ_k w̄_k² ∂ log w_k / ∂z_k · ∂z_k / ∂φ, which drops the score-function term whose signal-to-noise ratio decays
 * with K; θ's gradient is the same either way. Needs reparameterisable latents.
 *
 * <p><b>As a score estimator</b> it returns ∇θ L_K(x_m) = Σ_k w̄_k ∇θ log p(z_k, x_m) with K = {@code budget}
 * (after fitting the guide at fixed θ): self-normalised importance sampling, whose bias is O(1/K) and vanishes as
 * K grows, whatever the guide (as long as it covers the posterior).
 */
public final class IwaeLearner extends ParticleLearner {
    private final IwaeOptions options;

    public IwaeLearner(IwaeOptions options) {
        super("iwae", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public IwaeOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.particles();
    }

    @Override
    String key() {
        return "iwae-k" + options.particles() + (options.dreg() ? "-dreg" : "") + "-"
                + Integer.toHexString(options.guide().toString().hashCode());
    }

    @Override
    public void checkCompatible(ModelStructure structure) {
        super.checkCompatible(structure);
        for (SiteInfo s : structure.latentSites()) {
            if (s.support().isDiscrete() || !s.reparameterized()) {
                throw VaeLearner.notReparameterisable("iwae", "site '" + s.name() + "' is " + s.distribution());
            }
        }
    }

    @Override
    void checkGuide(ModelStructure guide) {
        VaeLearner.checkReparameterisedGuide("iwae", guide);
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        Tensor xk = p.tile(x, k);
        TraceResult q = p.propose(xk, seed);
        Map<String, Tensor> z = p.latentValues(q);
        boolean dreg = options.dreg() && purpose.needsGuideUpdate();
        Map<String, Tensor> at = dreg ? p.stopped(z) : z;
        TraceResult m = p.scoreModel(at, xk);
        Tensor logQ = dreg ? p.scoreGuide(at, xk).logJoint() : q.logJoint();
        Tensor logW = Particles.byParticle(m.logJoint().sub(logQ), k);
        Tensor bound = logW.logMeanExp(0);
        Tensor theta = bound.mul(weights).sum();
        Tensor wBar = Particles.normalisedWeights(logW);
        Map<String, Tensor> metrics = new LinkedHashMap<>();
        metrics.put("iwae", bound.mean());
        metrics.put("elbo", logW.mean());
        metrics.put("ess", Particles.effectiveSampleSize(wBar));
        if (!dreg) {
            return new Objectives(bound, theta, theta.neg(), true, null, m, metrics);
        }
        // DReG: g_z = ∂/∂z Σ_m c_m Σ_k w̄²_km log w_km at fixed φ, then backpropagated through z(φ, ε).
        Tensor surrogate = wBar.square().mul(logW).mul(weights).sum();
        List<Tensor> fixed = new ArrayList<>(at.values());
        List<Tensor> drawn = new ArrayList<>(z.values());
        List<Tensor> gz = p.ops.gradients(List.of(surrogate), fixed, null);
        List<Variable> vars = new ArrayList<>(p.guideParameters.variables().values());
        List<Tensor> reads = new ArrayList<>();
        for (Variable v : vars) {
            reads.add(p.ops.read(v));
        }
        List<Tensor> g = p.ops.gradients(drawn, reads, gz);
        Map<Variable, Tensor> guideGradients = new LinkedHashMap<>();
        for (int i = 0; i < vars.size(); i++) {
            guideGradients.put(vars.get(i), g.get(i).neg());
        }
        return new Objectives(bound, theta, null, false, guideGradients, m, metrics);
    }

    @Override
    public String toString() {
        return "iwae(K=" + options.particles() + (options.dreg() ? ", DReG" : "") + ")";
    }
}
