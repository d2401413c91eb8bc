package org.alws.api.model;

/**
 * A capability of models that come with their own recognition model: learners that need a guide use it instead of
 * building a default one from the model's site types.
 */
public interface ProvidesGuide {

    /** The model's guide; its latent sites must be exactly the model's. */
    Guide guide();

    /**
     * Whether the guide declares its parameters in the model's namespace rather than its own, so that it shares
     * them with the model: a neural process's posterior q(z | context, targets) is its conditional prior's encoder
     * applied to more points. Learners then run the guide with the model's parameters and train them through both.
     */
    default boolean sharesModelParameters() {
        return false;
    }
}
