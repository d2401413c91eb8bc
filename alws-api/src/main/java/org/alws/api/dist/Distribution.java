package org.alws.api.dist;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A probability distribution over tensors of a fixed shape, built from symbolic parameters: it can draw a sample
 * and score a value. Distributions here are elementwise over {@link #shape()} (one independent draw per element),
 * except {@link Categorical}, whose last parameter axis indexes the categories.
 */
public interface Distribution {

    /** The shape of one draw (the broadcast shape of the parameters). */
    Shape shape();

    /** The element type of a draw. */
    DType dtype();

    /**
     * One draw, a stateless function of the INT64[2] {@code seed}. For reparameterised distributions the draw is
     * differentiable with respect to the parameters; otherwise its gradient is zero.
     */
    Tensor sample(Tensor seed);

    /** Elementwise log-density (or log-mass) of {@code value}, of shape {@link #shape()}. */
    Tensor logProb(Tensor value);

    /** True if {@link #sample} is a differentiable function of the parameters (the reparameterisation trick). */
    boolean reparameterized();

    Support support();

    /** The mean, where defined. */
    default Tensor mean() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no mean");
    }

    /** Short name for messages, e.g. {@code Normal}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
