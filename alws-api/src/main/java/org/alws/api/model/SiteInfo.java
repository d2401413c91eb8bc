package org.alws.api.model;

import org.alws.api.dist.Support;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;

/**
 * The static description of a site: what learners check before training.
 *
 * @param name site name
 * @param kind latent or observed
 * @param distribution the distribution's short name, e.g. {@code Normal}
 * @param eventShape the shape of one example's value (without the batch axis)
 * @param dtype element type of the value
 * @param support the set the value lives in
 * @param reparameterized whether draws are differentiable in the parameters
 * @param exponentialFamily whether the distribution is an {@link org.alws.api.dist.ExponentialFamily}
 */
public record SiteInfo(String name, SiteKind kind, String distribution, Shape eventShape, DType dtype,
        Support support, boolean reparameterized, boolean exponentialFamily) {

    static SiteInfo of(Site s) {
        var d = s.distribution();
        return new SiteInfo(s.name(), s.kind(), d.name(), d.shape().tail(1), d.dtype(), d.support(),
                d.reparameterized(), d instanceof org.alws.api.dist.ExponentialFamily);
    }
}
