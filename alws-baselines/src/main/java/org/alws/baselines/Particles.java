package org.alws.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.Variable;
import org.alws.api.learn.LearnerContext;
import org.alws.api.model.Guide;
import org.alws.api.IncompatibleModelException;
import org.alws.api.model.Parameters;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The particle machinery of the baselines inside one function being traced. For K particles the data batch
 * x [B, ...] is tiled K times along the batch axis (particle k of point m is row k·B + m), the guide proposes all
 * K·B latents in one batched run of {@code guide.given(x_tiled)}, and the model scores them in one batched run; log
 * weights are reshaped to [K, B].
 */
final class Particles {
    /** Seed offset of the dreamed samples of sleep-φ, far from the guide's site offsets. */
    static final long DREAM_SEED_OFFSET = 1L << 52;

    final TensorOps ops;
    final LearnerContext context;
    final Guide guide;
    final Parameters modelParameters;
    final Parameters guideParameters;
    final List<SiteInfo> latents;
    final SiteInfo observed;

    Particles(TensorOps ops, LearnerContext context, Guide guide, Parameters guideParameters) {
        this.ops = ops;
        this.context = context;
        this.guide = guide;
        this.modelParameters = context.modelParameters();
        this.guideParameters = guideParameters;
        this.latents = context.structure().latentSites();
        this.observed = context.structure().observed();
    }

    /** x [B, ...] repeated K times along the batch axis: [K·B, ...], particle-major. */
    Tensor tile(Tensor x, int k) {
        if (k == 1) {
            return x;
        }
        Shape s = x.shape();
        Tensor expanded = x.reshape(s.prepend(1));
        return expanded.broadcastTo(s.prepend(k)).reshape(s.tail(1).prepend(k * s.dim(0)));
    }

    /** One batched run of the guide on the tiled data: draws every latent site. */
    TraceResult propose(Tensor xTiled, Tensor seed) {
        return Traces.sample(guide.given(xTiled), ops, guideParameters, Math.toIntExact(xTiled.dim(0)), seed);
    }

    /** log q(z | x) at given latents (a scoring run of the guide). */
    TraceResult scoreGuide(Map<String, Tensor> z, Tensor x) {
        return Traces.score(guide.given(x), ops, guideParameters, z);
    }

    /**
     * log p(z, x) at given latents and data (a scoring run of the model); a conditional model's data rows give the
     * observation and the inputs.
     */
    TraceResult scoreModel(Map<String, Tensor> z, Tensor x) {
        Map<String, Tensor> given = new LinkedHashMap<>(z);
        given.putAll(context.structure().splitData(ops, x));
        return Traces.score(context.model(), ops, modelParameters, given);
    }

    /** The values of the model's latent sites recorded by a run, in the model's site order. */
    Map<String, Tensor> latentValues(TraceResult r) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (SiteInfo s : latents) {
            out.put(s.name(), r.site(s.name()).value());
        }
        return out;
    }

    /** The same values with their gradients stopped. */
    Map<String, Tensor> stopped(Map<String, Tensor> z) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        z.forEach((k, v) -> out.put(k, v.stopGradient()));
        return out;
    }

    /** A flat [K·B] tensor as [K, B]. */
    static Tensor byParticle(Tensor flat, int k) {
        return flat.reshape(k, flat.dim(0) / k);
    }

    /** Self-normalised importance weights along the particle axis, gradients stopped: [K, B]. */
    static Tensor normalisedWeights(Tensor logWeights) {
        return logWeights.softmax(0).stopGradient();
    }

    /** The mean effective sample size 1 / Σ_k w̄_k² over the points. */
    static Tensor effectiveSampleSize(Tensor normalisedWeights) {
        return normalisedWeights.square().sum(0).reciprocal().mean();
    }

    /**
     * The sleep-φ loss: −(1/n) Σ log q(z_s | x_s) over n dreamed samples (z_s, x_s) ~ p_θ, treated as constants.
     */
    Tensor sleepLoss(int n, Tensor seed) {
        if (context.structure().conditional()) {
            throw new IncompatibleModelException("the sleep-phase guide update dreams from the model, which needs "
                    + "values for the conditional model's inputs " + context.structure().inputs().keySet()
                    + "; use vae, iwae or alws");
        }
        TraceResult dream = Traces.sample(context.model(), ops, modelParameters, n,
                ops.offsetSeed(seed, DREAM_SEED_OFFSET));
        Map<String, Tensor> z = stopped(latentValues(dream));
        Tensor x = dream.site(observed.name()).value().stopGradient();
        return scoreGuide(z, x).logJoint().mean().neg();
    }

    /** The gradient of {@code y} with respect to every variable of {@code owner}, in creation order. */
    Map<Variable, Tensor> gradients(Parameters owner, Tensor y) {
        return gradients(List.of(owner), y);
    }

    /** The gradient of {@code y} with respect to every variable of the owners, in one backward pass. */
    Map<Variable, Tensor> gradients(List<Parameters> owners, Tensor y) {
        List<Variable> order = new ArrayList<>();
        List<Tensor> xs = new ArrayList<>();
        for (Parameters p : new java.util.LinkedHashSet<>(owners)) {
            for (Variable v : p.variables().values()) {
                order.add(v);
                xs.add(ops.read(v));
            }
        }
        Map<Variable, Tensor> out = new LinkedHashMap<>();
        if (order.isEmpty()) {
            return out;
        }
        List<Tensor> gs = ops.gradients(y, xs);
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), gs.get(i));
        }
        return out;
    }
}
