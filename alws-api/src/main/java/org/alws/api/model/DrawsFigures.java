package org.alws.api.model;

/**
 * A capability of models and data-set providers that draw their own pictures of a trained run (a model's simulated
 * series against the data, learned filters against the true mixing, ...). The framework calls it once when training
 * ends, after its own plots, for the run's model and for its data-set provider if either implements it.
 */
public interface DrawsFigures {

    /**
     * Writes figures into {@code context.directory()}.
     *
     * @throws org.alws.api.StorageException naming a file that cannot be written
     */
    void drawFigures(FigureContext context);
}
