package org.alws.api.model;

import org.alws.api.dist.Categorical;
import org.alws.api.dist.Support;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;

/**
 * The static description of a site: what learners check before training, and what a default guide needs to propose
 * values for it.
 *
 * @param name site name
 * @param kind latent or observed
 * @param distribution the distribution's short name, e.g. {@code Normal}
 * @param eventShape the shape of one example's value (without the batch axis)
 * @param dtype element type of the value
 * @param support the set the value lives in
 * @param reparameterized whether draws are differentiable in the parameters
 * @param exponentialFamily whether the distribution is an {@link org.alws.api.dist.ExponentialFamily}
 * @param categories the number of values each element can take for a discrete site: K for a
 *     {@link Categorical}, 2 for a binary site; 0 for continuous sites (and for a categorical site described
 *     without it)
 */
public record SiteInfo(String name, SiteKind kind, String distribution, Shape eventShape, DType dtype,
        Support support, boolean reparameterized, boolean exponentialFamily, int categories) {

    public SiteInfo {
        if (categories < 0) {
            throw new IllegalArgumentException("site '" + name + "': categories must be >= 0, got " + categories);
        }
    }

    /**
     * A site described without its number of categories (as before it was recorded): 2 for a binary site, else 0.
     */
    public SiteInfo(String name, SiteKind kind, String distribution, Shape eventShape, DType dtype, Support support,
            boolean reparameterized, boolean exponentialFamily) {
        this(name, kind, distribution, eventShape, dtype, support, reparameterized, exponentialFamily,
                support == Support.BINARY ? 2 : 0);
    }

    static SiteInfo of(Site s) {
        var d = s.distribution();
        int categories = d instanceof Categorical c ? c.categories() : d.support() == Support.BINARY ? 2 : 0;
        return new SiteInfo(s.name(), s.kind(), d.name(), d.shape().tail(1), d.dtype(), d.support(),
                d.reparameterized(), d instanceof org.alws.api.dist.ExponentialFamily, categories);
    }
}
