package org.alws.baselines.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.dist.Support;
import org.alws.api.model.Guide;
import org.alws.api.model.Initializer;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.baselines.guide.DefaultGuide;
import org.alws.baselines.guide.GuideOptions;

/**
 * A flow posterior: the {@link DefaultGuide}'s proposal (a diagonal Normal for each real latent site), whose real
 * sites, flattened in site order into one vector z0 [N, d], are pushed through a stack of {@link Flow} layers. The
 * layers are amortised: layer i's parameters are one more linear head on the encoder's hidden layer,
 * {@code flow/<i>/w} [hidden, P] (Glorot) and {@code flow/<i>/b} [P] (starting at the layer's
 * {@link Flow#initialParameters}). Latent sites that are not real (positive, unit interval) keep their base
 * proposal and are not transformed.
 *
 * <p>As a {@link Guide} it draws (or scores) the base sites only, creating the heads' parameters on the way; the
 * flow's output is not a site, since log q_L(z_L) needs no inverse: it is log q0(z0) − Σ log|det| at the draw.
 */
public final class FlowGuide implements Guide {
    private final DefaultGuide base;
    private final List<SiteInfo> flowed;
    private final List<Flow> layers;
    private final int dimension;

    private FlowGuide(DefaultGuide base, List<SiteInfo> flowed, List<Flow> layers) {
        this.base = base;
        this.flowed = List.copyOf(flowed);
        this.layers = List.copyOf(layers);
        int d = 0;
        for (SiteInfo s : flowed) {
            d += s.eventShape().intSize();
        }
        this.dimension = d;
    }

    /** The default guide of the model's structure followed by {@code layers} on its real latent sites. */
    public static FlowGuide of(ModelStructure structure, GuideOptions options, List<Flow> layers) {
        List<SiteInfo> real = new ArrayList<>();
        for (SiteInfo s : structure.latentSites()) {
            if (s.support() == Support.REAL) {
                real.add(s);
            }
        }
        return new FlowGuide(DefaultGuide.of(structure, options), real, layers);
    }

    /** The base guide. */
    public DefaultGuide base() {
        return base;
    }

    /** The flow's layers, first applied first. */
    public List<Flow> layers() {
        return layers;
    }

    /** The latent sites the flow transforms (the real ones), in site order. */
    public List<SiteInfo> flowedSites() {
        return flowed;
    }

    /** d, the size of z0: the total size of the flowed sites. */
    public int dimension() {
        return dimension;
    }

    @Override
    public void run(Trace t, Tensor data) {
        propose(t, data);
    }

    /**
     * Draws (or scores) the base sites given the data and returns each layer's parameters [batch, P] (none when
     * no site is real).
     */
    public List<Tensor> propose(Trace t, Tensor data) {
        Tensor h = base.hidden(t, data);
        base.sampleSites(t, h);
        List<Tensor> out = new ArrayList<>();
        if (dimension == 0) {
            return out;
        }
        for (int i = 0; i < layers.size(); i++) {
            Flow f = layers.get(i);
            int p = f.parameterCount(dimension);
            Tensor w = t.param("flow/" + i + "/w", Shape.of(h.dim(1), p), Initializer.glorotUniform());
            Tensor b = t.param("flow/" + i + "/b", Shape.of(p), Initializer.values(f.initialParameters(dimension)));
            out.add(h.matmul(w).add(b));
        }
        return out;
    }

    /** The flowed sites' values as one matrix [N, d], in site order. */
    public Tensor flatten(Map<String, Tensor> values) {
        List<Tensor> parts = new ArrayList<>();
        for (SiteInfo s : flowed) {
            Tensor v = values.get(s.name());
            parts.add(v.reshape(v.dim(0), s.eventShape().size()));
        }
        return parts.size() == 1 ? parts.get(0) : parts.get(0).ops().concat(1, parts);
    }

    /** The inverse of {@link #flatten}: [N, d] split back into the flowed sites, with their event shapes. */
    public Map<String, Tensor> unflatten(Tensor z) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        long n = z.dim(0);
        long from = 0;
        for (SiteInfo s : flowed) {
            long size = s.eventShape().size();
            out.put(s.name(), Flow.columns(z, from, size).reshape(s.eventShape().prepend(n)));
            from += size;
        }
        return out;
    }

    /** The layers applied in turn to z0 [N, d] with their parameters: z_L and Σ log|det| [N]. */
    public Flow.Step transform(Tensor z0, List<Tensor> parameters) {
        Tensor z = z0;
        Tensor logDet = z0.ops().zeros(Shape.of(z0.dim(0))).cast(z0.dtype());
        for (int i = 0; i < parameters.size(); i++) {
            Flow.Step s = layers.get(i).forward(z, parameters.get(i));
            z = s.z();
            logDet = logDet.add(s.logDet());
        }
        return new Flow.Step(z, logDet);
    }

    @Override
    public String toString() {
        return base + " + " + layers.size() + " flow layers " + layers;
    }
}
