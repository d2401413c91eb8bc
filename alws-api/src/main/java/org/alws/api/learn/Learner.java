package org.alws.api.learn;

import org.alws.api.model.ModelStructure;

/** A way of learning a model's parameters from data: ALWS, or a baseline such as VAE, IWAE or RWS. */
public interface Learner {

    /**
     * Says, before training starts, whether this learner can train the model.
     *
     * @throws org.alws.api.IncompatibleModelException with a one-line reason and, where useful, what to try
     */
    default void checkCompatible(ModelStructure structure) {
    }

    /** Compiles the learner's functions for one run. */
    LearnerSession start(LearnerContext context);
}
