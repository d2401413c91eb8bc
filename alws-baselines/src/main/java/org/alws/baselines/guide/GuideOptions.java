package org.alws.baselines.guide;

import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * The shape of a {@link DefaultGuide}'s network.
 *
 * @param hidden units per hidden layer
 * @param layers number of hidden layers (0: every head is linear in the data)
 * @param activation nonlinearity of the hidden layers
 */
public record GuideOptions(@Doc("units per hidden layer of the guide") int hidden,
        @Doc("hidden layers of the guide (0: linear heads)") int layers,
        @Doc("activation of the guide's hidden layers: tanh or relu") Activation activation) {

    public GuideOptions {
        Check.atLeast("guideHidden", hidden, 1);
        Check.atLeast("guideLayers", layers, 0);
        if (activation == null) {
            throw new ConfigException("guideActivation", null, "one of tanh, relu");
        }
    }

    /** One hidden layer of 100 tanh units. */
    public static GuideOptions defaults() {
        return new GuideOptions(100, 1, Activation.TANH);
    }
}
