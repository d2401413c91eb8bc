package org.alws.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.learn.LearnerContext;
import org.alws.api.model.Guide;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.tensor.Tensor;
import org.alws.baselines.flow.Flow;
import org.alws.baselines.flow.FlowGuide;
import org.alws.baselines.guide.Guides;

/**
 * The VAE with a normalising-flow posterior (Rezende and Mohamed, 2015; Kingma et al., 2016): the guide is a
 * {@link FlowGuide}, the default guide's diagonal Normal q0 on the real latent sites followed by L planar or IAF
 * layers whose parameters the encoder outputs per data point. With z0 ~ q0(· | x) reparameterised and
 * z_L = f_L ∘ ... ∘ f_1(z0), the log weight is log w = log p(z_L, x) − [log q0(z0) − Σ_l log|det ∂f_l/∂z|], and θ
 * and φ ascend the ELBO, E[log w] (K = 1), or the importance-weighted bound E[log (1/K) Σ_k w_k] (K > 1). The model
 * always gets the default guide (a guide the model provides has no encoder to amortise the flow on); sites that are
 * not real (positive, unit interval) keep their base proposal. Needs reparameterisable latents.
 *
 * <p><b>As a score estimator</b> it returns the θ-gradient of that bound at K = {@code budget} particles, after
 * fitting the guide at fixed θ. With K = 1 it is ∇θ ELBO(x_m) = E_q[∇θ log p(z, x_m)], biased by
 * ∇θ KL(q ‖ p_θ(z | x)), which is zero only when the flow posterior is exact; more expressive flows shrink the bias
 * but more samples do not. With K > 1 it is Σ_k w̄_k ∇θ log p(z_k, x_m), self-normalised importance sampling whose
 * bias is O(1/K) and vanishes as K grows.
 */
public final class FlowVaeLearner extends ParticleLearner {
    private final FlowVaeOptions options;

    public FlowVaeLearner(FlowVaeOptions options) {
        super("flow-vae", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public FlowVaeOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.particles();
    }

    @Override
    String key() {
        return "flow-vae-k" + options.particles() + "-" + options.flow() + options.flowLength() + "-"
                + Integer.toHexString(options.guide().toString().hashCode());
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

    /** The flow guide on the default guide, whatever guide the model provides, its parameters created. */
    @Override
    Guide guide(LearnerContext context) {
        FlowGuide g = FlowGuide.of(context.structure(), options.guide(),
                options.flowKind().layers(options.flowLength()));
        checkGuide(Guides.check(g, context.structure(), context.parameters(GUIDE_OWNER)));
        return g;
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        FlowGuide guide = (FlowGuide) p.guide;
        Tensor xk = p.tile(x, k);
        int n = Math.toIntExact(xk.dim(0));
        List<List<Tensor>> parameters = new ArrayList<>(1);
        TraceResult q = Traces.sample(t -> parameters.add(guide.propose(t, xk)), p.ops, p.guideParameters, n, seed);
        Map<String, Tensor> z = p.latentValues(q);
        Tensor logQ = q.logJoint();
        Tensor logDet = p.ops.zeros(org.alws.api.tensor.Shape.of(n)).cast(logQ.dtype());
        if (guide.dimension() > 0) {
            Flow.Step out = guide.transform(guide.flatten(z), parameters.get(0));
            z.putAll(guide.unflatten(out.z()));
            logDet = out.logDet().cast(logQ.dtype());
        }
        TraceResult m = p.scoreModel(z, xk);
        Tensor logW = Particles.byParticle(m.logJoint().sub(logQ.sub(logDet)), k);
        Tensor bound = k == 1 ? logW.mean(0) : logW.logMeanExp(0);
        Tensor theta = bound.mul(weights).sum();
        Map<String, Tensor> metrics = new LinkedHashMap<>();
        metrics.put("elbo", logW.mean());
        if (k > 1) {
            metrics.put("iwae", bound.mean());
            metrics.put("ess", Particles.effectiveSampleSize(Particles.normalisedWeights(logW)));
        }
        metrics.put("logdet", logDet.mean());
        return new Objectives(bound, theta, theta.neg(), true, null, m, metrics);
    }

    @Override
    public String toString() {
        return "flow-vae(K=" + options.particles() + ", " + options.flowLength() + " " + options.flow()
                + " layers)";
    }
}
