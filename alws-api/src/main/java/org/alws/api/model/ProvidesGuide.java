package org.alws.api.model;

/**
 * A capability of models that come with their own recognition model: learners that need a guide use it instead of
 * building a default one from the model's site types.
 */
public interface ProvidesGuide {

    /** The model's guide; its latent sites must be exactly the model's. */
    Guide guide();
}
