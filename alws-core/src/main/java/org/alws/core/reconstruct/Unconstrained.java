package org.alws.core.reconstruct;

import org.alws.api.IncompatibleModelException;
import org.alws.api.dist.Distribution;
import org.alws.api.dist.Support;
import org.alws.api.dist.Uniform;
import org.alws.api.model.SiteInfo;
import org.alws.api.tensor.Tensor;

/**
 * The map from an unconstrained value u to a latent's support: the identity on the real line, z = exp(u) on
 * (0, ∞), z = sigmoid(u) on (0, 1), and z = low + (high − low)·sigmoid(u) on a {@link Uniform}'s [low, high). Bounded
 * maps keep u in [−{@value #LOGIT_BOUND}, {@value #LOGIT_BOUND}] (z within 3·10⁻⁷ of its ends, whose logit stays
 * finite in float32) and the exponential in [−{@value #LOG_BOUND}, {@value #LOG_BOUND}].
 */
final class Unconstrained {
    /** The largest |u| of a sigmoid-mapped latent. */
    static final double LOGIT_BOUND = 15.0;
    /** The largest |u| of an exp-mapped latent. */
    static final double LOG_BOUND = 30.0;

    private Unconstrained() {
    }

    /**
     * Checks that MAP by gradient ascent can handle the site.
     *
     * @throws IncompatibleModelException for a discrete site
     */
    static void check(SiteInfo site) {
        if (site.support().isDiscrete()) {
            throw new IncompatibleModelException("MAP reconstruction needs continuous latents; site '" + site.name()
                    + "' is " + site.distribution() + " (" + site.support() + ")");
        }
    }

    /** u ↦ z for the site's distribution. */
    static Tensor toSupport(String site, Distribution d, Tensor u) {
        Tensor v = u.cast(d.dtype());
        return switch (d.support()) {
            case REAL -> v;
            case POSITIVE -> v.exp();
            case UNIT_INTERVAL -> v.sigmoid();
            case INTERVAL -> {
                if (!(d instanceof Uniform uniform)) {
                    throw new IncompatibleModelException("MAP reconstruction: site '" + site + "' is " + d.name()
                            + " on a bounded interval whose ends it cannot read; only Uniform is supported");
                }
                yield uniform.low().add(uniform.high().sub(uniform.low()).mul(v.sigmoid()));
            }
            case BINARY, CATEGORICAL -> throw new IncompatibleModelException("MAP reconstruction needs continuous "
                    + "latents; site '" + site + "' is " + d.name() + " (" + d.support() + ")");
        };
    }

    /** u kept where the map to the support is well conditioned: see the class comment. */
    static Tensor clamp(Support support, Tensor u) {
        return switch (support) {
            case POSITIVE -> u.clip(-LOG_BOUND, LOG_BOUND);
            case UNIT_INTERVAL, INTERVAL -> u.clip(-LOGIT_BOUND, LOGIT_BOUND);
            default -> u;
        };
    }
}
