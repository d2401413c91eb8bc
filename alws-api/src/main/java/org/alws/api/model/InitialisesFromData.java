package org.alws.api.model;

import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.tensor.HostArray;

/**
 * A capability of models that choose some initial parameter values from the training data, as a Gaussian mixture
 * seeds its means at k-means++ picks among the data. A new training run applies it once, after every parameter has
 * its initializer's value and before the first step (never on resume: a checkpoint holds the values).
 */
public interface InitialisesFromData {

    /**
     * Initial values for some of the model's parameters.
     *
     * @param examples training examples, [M] + example shape (at most a few thousand, drawn by the framework)
     * @param current the parameters' current (initializer) values by local name
     * @param random a stream of the run's seed reserved for this initialisation
     * @return values by local parameter name, each of its parameter's shape; parameters not named keep their values
     */
    Map<String, HostArray> initialValues(HostArray examples, Map<String, HostArray> current, SplittableRandom random);
}
