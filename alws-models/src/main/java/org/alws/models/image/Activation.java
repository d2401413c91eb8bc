package org.alws.models.image;

import org.alws.api.tensor.Tensor;

/** The nonlinearity of the {@link MlpDecoderModel}'s hidden layers. */
public enum Activation {
    /** max(0, x). */
    RELU,
    /** The hyperbolic tangent. */
    TANH;

    /** This activation applied elementwise. */
    public Tensor apply(Tensor x) {
        return this == RELU ? x.relu() : x.tanh();
    }
}
