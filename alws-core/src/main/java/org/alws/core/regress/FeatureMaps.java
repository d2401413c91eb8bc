package org.alws.core.regress;

import org.alws.api.ConfigException;

/**
 * The feature maps regressors offer through their {@code features} option: {@code identity} (the inputs as they
 * are). Each further kind is one case of {@link #create}.
 */
public final class FeatureMaps {
    /** The option value for no feature map. */
    public static final String IDENTITY = "identity";
    /**
     * The option value for learned features: an MLP with one tanh hidden layer of {@code dimension} units and
     * {@code dimension} linear outputs ({@link FeatureNetwork} under the hyper-parameter prefix {@code network}),
     * trained by ALWS's kernel step on held-out error.
     */
    public static final String NETWORK = "network";
    /**
     * The option value for a fixed random projection to {@code dimension} features, each standardised by its own
     * batch statistics ({@link RandomProjection}).
     */
    public static final String PROJECTION = "projection";

    private FeatureMaps() {
    }

    /** The names accepted by {@link #create}. */
    public static String[] kinds() {
        return new String[] {IDENTITY, NETWORK, PROJECTION};
    }

    /**
     * The feature map named {@code kind} with {@code dimension} output features (ignored by {@code identity}).
     *
     * @throws ConfigException naming the field and the accepted kinds
     */
    public static FeatureMap create(String field, String kind, int dimension) {
        if (IDENTITY.equals(kind)) {
            return (inputs, context) -> inputs;
        }
        if (NETWORK.equals(kind)) {
            return new FeatureNetwork(NETWORK, java.util.List.of(dimension), dimension,
                    FeatureNetwork.Activation.TANH)::apply;
        }
        if (PROJECTION.equals(kind)) {
            return new RandomProjection(dimension);
        }
        throw new ConfigException(field, kind, "one of " + String.join(", ", kinds()));
    }
}
