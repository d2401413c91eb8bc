package org.alws.api.model;

import org.alws.api.dist.Distribution;
import org.alws.api.tensor.Tensor;

/**
 * One named random choice recorded by a trace: its distribution, its value (drawn or given) and whether it is
 * latent or observed.
 */
public record Site(String name, SiteKind kind, Distribution distribution, Tensor value) {

    /** Log-density of the value, summed over every axis but the batch axis: shape [batch]. */
    public Tensor logProb() {
        return distribution.logProb(value).sumTrailing();
    }

    public boolean isObserved() {
        return kind == SiteKind.OBSERVED;
    }
}
