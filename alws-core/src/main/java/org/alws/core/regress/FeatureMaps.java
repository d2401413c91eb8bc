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
     * The option value for a fixed random projection to {@code dimension} features, each standardised by the
     * statistics of its own batch or of the sleep inputs, or not at all ({@link RandomProjection},
     * {@link FeatureStandardisation}).
     */
    public static final String PROJECTION = "projection";

    private FeatureMaps() {
    }

    /** The names accepted by {@link #create}. */
    public static String[] kinds() {
        return new String[] {IDENTITY, NETWORK, PROJECTION};
    }

    /**
     * The feature map named {@code kind} with {@code dimension} output features (ignored by {@code identity}); a
     * projection standardises each batch by its own statistics.
     *
     * @throws ConfigException naming the field and the accepted kinds
     */
    public static FeatureMap create(String field, String kind, int dimension) {
        return create(field, kind, dimension, FeatureStandardisation.BATCH);
    }

    /**
     * The feature map named {@code kind} with {@code dimension} output features (ignored by {@code identity}) and,
     * for a projection, the given standardisation (ignored by the other kinds).
     *
     * @throws ConfigException naming the field and the accepted kinds
     */
    public static FeatureMap create(String field, String kind, int dimension, FeatureStandardisation standardisation) {
        if (IDENTITY.equals(kind)) {
            return (inputs, context) -> inputs;
        }
        if (NETWORK.equals(kind)) {
            return new FeatureNetwork(NETWORK, java.util.List.of(dimension), dimension,
                    FeatureNetwork.Activation.TANH)::apply;
        }
        if (PROJECTION.equals(kind)) {
            return new RandomProjection(dimension, standardisation);
        }
        throw new ConfigException(field, kind, "one of " + String.join(", ", kinds()));
    }

    /**
     * A short description of the feature map for a regressor's {@code toString}: {@code kind(dimension)}, with the
     * standardisation of a projection unless it is the default per-batch one.
     */
    static String describe(String kind, int dimension, FeatureStandardisation standardisation) {
        boolean projection = PROJECTION.equals(kind) && standardisation != FeatureStandardisation.BATCH;
        return kind + "(" + dimension + (projection ? ", " + standardisation.name().toLowerCase(
                java.util.Locale.ROOT) : "") + ")";
    }
}
