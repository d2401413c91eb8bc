package org.alws.baselines.guide;

import org.alws.api.tensor.Tensor;

/** The nonlinearity of a guide's hidden layers. */
public enum Activation {
    /** The hyperbolic tangent. */
    TANH,
    /** max(0, x). */
    RELU;

    /** This activation applied elementwise. */
    public Tensor apply(Tensor x) {
        return this == TANH ? x.tanh() : x.relu();
    }
}
