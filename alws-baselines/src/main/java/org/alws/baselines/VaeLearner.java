package org.alws.baselines;

import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.dist.Normal;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Site;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.tensor.Tensor;

/**
 * The variational autoencoder (Kingma and Welling, 2014): θ and φ ascend the reparameterised ELBO
 * E_q[log p(x | z)] − KL(q(z | x) ‖ p(z)), averaged over K samples per point. The KL of a site is taken in closed
 * form where both the guide and the prior are Normal ({@code analyticKl}; exact when a site's prior depends only on
 * sites sampled before it), otherwise by Monte Carlo, log q − log p at the sample. Needs reparameterisable latents.
 *
 * <p><b>As a score estimator</b> it returns ∇θ ELBO(x_m) at {@code budget} samples, after fitting the guide at fixed
 * θ. This is biased: ∇θ log p(x) − ∇θ ELBO = ∇θ KL(q ‖ p_θ(z | x)), which vanishes only when the guide is the exact
 * posterior; more samples reduce the variance, not this bias.
 */
public final class VaeLearner extends ParticleLearner {
    private final VaeOptions options;

    public VaeLearner(VaeOptions options) {
        super("vae", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public VaeOptions options() {
        return options;
    }

    @Override
    int particles() {
        return options.particles();
    }

    @Override
    String key() {
        return "vae-k" + options.particles() + (options.analyticKl() ? "-akl" : "-mckl") + "-" + guideKey();
    }

    private String guideKey() {
        return Integer.toHexString(options.guide().toString().hashCode());
    }

    @Override
    public void checkCompatible(ModelStructure structure) {
        super.checkCompatible(structure);
        for (SiteInfo s : structure.latentSites()) {
            if (s.support().isDiscrete() || !s.reparameterized()) {
                throw notReparameterisable("vae", "site '" + s.name() + "' is " + s.distribution());
            }
        }
    }

    @Override
    void checkGuide(ModelStructure guide) {
        checkReparameterisedGuide("vae", guide);
    }

    static void checkReparameterisedGuide(String learner, ModelStructure guide) {
        for (SiteInfo s : guide.latentSites()) {
            if (!s.reparameterized()) {
                throw notReparameterisable(learner, "the guide's site '" + s.name() + "' is " + s.distribution());
            }
        }
    }

    static IncompatibleModelException notReparameterisable(String learner, String what) {
        return new IncompatibleModelException("learner " + learner + " needs reparameterisable latents; " + what
                + "; try rws, vimco or alws");
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        Tensor xk = p.tile(x, k);
        TraceResult q = p.propose(xk, seed);
        TraceResult m = p.scoreModel(p.latentValues(q), xk);
        Tensor kl = p.ops.zeros(org.alws.api.tensor.Shape.of(xk.dim(0)));
        for (SiteInfo s : p.latents) {
            Site qs = q.site(s.name());
            Site ms = m.site(s.name());
            if (options.analyticKl() && qs.distribution() instanceof Normal qn
                    && ms.distribution() instanceof Normal pn) {
                kl = kl.add(normalKl(qn, pn).broadcastTo(qn.shape()).sumTrailing().cast(kl.dtype()));
            } else {
                kl = kl.add(qs.logProb().cast(kl.dtype())).sub(ms.logProb().cast(kl.dtype()));
            }
        }
        Tensor elbo = Particles.byParticle(m.logLikelihood().sub(kl), k).mean(0);
        Tensor theta = elbo.mul(weights).sum();
        return new Objectives(elbo, theta, theta.neg(), true, null, m, Map.of("elbo", elbo.mean()));
    }

    /** KL(N(μq, σq²) ‖ N(μp, σp²)) elementwise: log(σp/σq) + (σq² + (μq − μp)²) / (2σp²) − ½. */
    static Tensor normalKl(Normal q, Normal p) {
        Tensor vp = p.scale().square();
        return p.scale().log().sub(q.scale().log())
                .add(q.scale().square().add(q.loc().sub(p.loc()).square()).div(vp.mul(2.0))).sub(0.5);
    }

    @Override
    public String toString() {
        return "vae(K=" + options.particles() + (options.analyticKl() ? ", analytic KL" : "") + ")";
    }
}
