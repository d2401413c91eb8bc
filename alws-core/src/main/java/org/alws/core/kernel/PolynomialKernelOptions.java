package org.alws.core.kernel;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of the polynomial kernel (c + ⟨x, y⟩ / σ²)^p.
 *
 * @param degree p, a whole number ≥ 1
 * @param offset c ≥ 0 (0 gives the homogeneous kernel ⟨x, y⟩^p / σ^{2p})
 */
public record PolynomialKernelOptions(
        @Doc("degree p of (c + <x,y>/σ²)^p, an integer >= 1") int degree,
        @Doc("offset c of (c + <x,y>/σ²)^p, >= 0") double offset) {

    public PolynomialKernelOptions {
        Check.atLeast("degree", degree, 1);
        Check.nonNegative("offset", offset);
    }

    /** Degree 3, offset 1. */
    public static PolynomialKernelOptions defaults() {
        return new PolynomialKernelOptions(3, 1.0);
    }
}
