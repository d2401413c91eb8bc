package org.alws.baselines.guide;

import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Beta;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Distribution;
import org.alws.api.dist.LogNormal;
import org.alws.api.dist.Normal;
import org.alws.api.model.Guide;
import org.alws.api.model.Initializer;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Padding;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The guide built from a model's structure: an encoder of the data, then one head per latent site, in the model's
 * site order, chosen by the site's support. The encoder is an MLP on the flattened data (parameters
 * {@code mlp/w<i>}, {@code mlp/b<i>}); for image data (an observed event shape [H, W, C]) it is by default
 * ({@link Encoder#AUTO}) preceded by a conv encoder: one 4×4 convolution of stride 2 (SAME padding, so each halves
 * the height and width, rounding up) with a bias and a ReLU per entry of {@link GuideOptions#convChannels()}
 * (parameters {@code conv/w<i>} [4, 4, in, out], {@code conv/b<i>}), whose last feature maps are flattened into the
 * MLP (or, with no MLP layers, straight into the heads). The heads are:
 * <ul>
 *   <li>real: Normal(loc, softplus(ρ)) ;</li>
 *   <li>positive: LogNormal(loc, softplus(ρ));</li>
 *   <li>unit interval: Beta(softplus(a), softplus(b));</li>
 *   <li>categorical: Categorical(logits) over the site's K categories;</li>
 *   <li>binary: Bernoulli(logits).</li>
 * </ul>
 * Each element of a site gets its own outputs; the sites are independent given the data (mean field). Scales and
 * Beta parameters start at 1 (the bias of their head is softplus⁻¹(1)), so the initial proposal is broad. A bounded
 * interval, or a categorical site whose number of categories is unknown, is refused with an
 * {@link IncompatibleModelException}: give such a model its own guide ({@link org.alws.api.model.ProvidesGuide}).
 */
public final class DefaultGuide implements Guide {
    /** softplus⁻¹(1): the bias that makes a softplus head start at 1. */
    private static final double SOFTPLUS_INV_ONE = Math.log(Math.E - 1);
    /** Added to every softplus output so that scales never reach 0. */
    private static final double FLOOR = 1e-5;

    /** The conv encoder's filter height and width. */
    private static final int FILTER = 4;
    /** The conv encoder's stride. */
    private static final int STRIDE = 2;

    private final List<SiteInfo> latents;
    private final GuideOptions options;
    /** The observed event shape [H, W, C] when the conv encoder reads it, else null. */
    private final Shape image;

    private DefaultGuide(List<SiteInfo> latents, GuideOptions options, Shape image) {
        this.latents = List.copyOf(latents);
        this.options = options;
        this.image = image;
    }

    /**
     * The default guide for the model's latent sites.
     *
     * @throws IncompatibleModelException naming the first site whose support it cannot propose for
     * @throws ConfigException when the conv encoder is asked for on data that are not images [H, W, C]
     */
    public static DefaultGuide of(ModelStructure structure, GuideOptions options) {
        for (SiteInfo s : structure.latentSites()) {
            switch (s.support()) {
                case REAL, POSITIVE, UNIT_INTERVAL, BINARY -> {
                }
                case CATEGORICAL -> {
                    if (s.categories() < 2) {
                        throw new IncompatibleModelException("default guide: site '" + s.name() + "' is "
                                + s.distribution() + " with an unknown number of categories; give the model a guide"
                                + " (ProvidesGuide)");
                    }
                }
                default -> throw new IncompatibleModelException("default guide: site '" + s.name() + "' ("
                        + s.distribution() + ") has support " + s.support() + ", which it cannot propose; give the"
                        + " model a guide (ProvidesGuide)");
            }
        }
        Shape event = structure.conditional() ? structure.dataShape() : structure.observed().eventShape();
        boolean conv = switch (options.encoder()) {
            case AUTO -> event.rank() == 3;
            case MLP -> false;
            case CONV -> {
                if (event.rank() != 3) {
                    throw new ConfigException("guideEncoder", "conv", "auto or mlp: the conv encoder needs image "
                            + "data of shape [H, W, C], but the observed site '" + structure.observed().name()
                            + "' has shape " + event);
                }
                yield true;
            }
        };
        return new DefaultGuide(structure.latentSites(), options, conv ? event : null);
    }

    /** Whether the guide reads the data with the conv encoder. */
    public boolean convolutional() {
        return image != null;
    }

    public GuideOptions options() {
        return options;
    }

    @Override
    public void run(Trace t, Tensor data) {
        sampleSites(t, hidden(t, data));
    }

    /**
     * The encoder's output on the data [batch, ...], shape [batch, features]: the MLP's last hidden layer on the
     * flattened data or conv features (these themselves when there are no hidden layers). What every head reads.
     */
    public Tensor hidden(Trace t, Tensor data) {
        int n = t.batchSize();
        Tensor h = data.cast(t.ops().floatType());
        if (image != null) {
            h = convFeatures(t, h.reshape(image.prepend(n)));
        } else {
            h = h.shape().rank() == 1 ? h.reshape(n, 1) : h.flattenTrailing();
        }
        for (int i = 0; i < options.layers(); i++) {
            Tensor w = t.param("mlp/w" + i, Shape.of(h.dim(1), options.hidden()), Initializer.glorotUniform());
            Tensor b = t.param("mlp/b" + i, Shape.of(options.hidden()), Initializer.zeros());
            h = options.activation().apply(h.matmul(w).add(b));
        }
        return h;
    }

    /** The conv encoder's last feature maps on images [batch, H, W, C], flattened to [batch, features]. */
    private Tensor convFeatures(Trace t, Tensor images) {
        Tensor h = images;
        List<Integer> channels = options.convChannels();
        for (int i = 0; i < channels.size(); i++) {
            int out = channels.get(i);
            Tensor w = t.param("conv/w" + i, Shape.of(FILTER, FILTER, h.dim(3), out), Initializer.glorotUniform());
            Tensor b = t.param("conv/b" + i, Shape.of(out), Initializer.zeros());
            h = t.ops().conv2d(h, w, STRIDE, STRIDE, Padding.SAME).add(b).relu();
        }
        return h.flattenTrailing();
    }

    /** Samples (or scores) every latent site, in the model's order, from its head on {@link #hidden}. */
    public void sampleSites(Trace t, Tensor hidden) {
        for (SiteInfo s : latents) {
            t.sample(s.name(), proposal(t, hidden, s));
        }
    }

    private Distribution proposal(Trace t, Tensor h, SiteInfo s) {
        long size = s.eventShape().size();
        Shape out = s.eventShape().prepend(t.batchSize());
        String p = "site/" + s.name() + "/";
        return switch (s.support()) {
            case REAL -> Normal.of(head(t, h, p + "loc", size, 0.0).reshape(out),
                    positive(t, h, p + "scale", size).reshape(out));
            case POSITIVE -> LogNormal.of(head(t, h, p + "loc", size, 0.0).reshape(out),
                    positive(t, h, p + "scale", size).reshape(out));
            case UNIT_INTERVAL -> Beta.of(positive(t, h, p + "alpha", size).reshape(out),
                    positive(t, h, p + "beta", size).reshape(out));
            case CATEGORICAL -> Categorical.ofLogits(head(t, h, p + "logits", size * s.categories(), 0.0)
                    .reshape(out.append(s.categories())));
            case BINARY -> Bernoulli.ofLogits(head(t, h, p + "logits", size, 0.0).reshape(out));
            default -> throw new IncompatibleModelException("default guide: site '" + s.name() + "' has support "
                    + s.support() + ", which it cannot propose");
        };
    }

    /** A linear head h W + b with {@code units} outputs, b starting at {@code bias}. */
    private static Tensor head(Trace t, Tensor h, String name, long units, double bias) {
        Tensor w = t.param(name + "/w", Shape.of(h.dim(1), units), Initializer.glorotUniform());
        Tensor b = t.param(name + "/b", Shape.of(units), Initializer.constant(bias));
        return h.matmul(w).add(b);
    }

    /** A head mapped to (0, ∞) by softplus, starting near 1. */
    private static Tensor positive(Trace t, Tensor h, String name, long units) {
        return head(t, h, name, units, SOFTPLUS_INV_ONE).softplus().add(FLOOR);
    }

    @Override
    public String toString() {
        return "default guide (" + (image != null ? "conv " + options.convChannels() + " relu, " : "")
                + options.layers() + "x" + options.hidden() + " " + options.activation().name()
                .toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
