package org.alws.core.regress;

import org.alws.api.ConfigException;

/**
 * The feature maps regressors offer through their {@code features} option: {@code identity} (the inputs as they
 * are). Each further kind is one case of {@link #create}.
 */
public final class FeatureMaps {
    /** The option value for no feature map. */
    public static final String IDENTITY = "identity";

    private FeatureMaps() {
    }

    /** The names accepted by {@link #create}. */
    public static String[] kinds() {
        return new String[] {IDENTITY};
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
        throw new ConfigException(field, kind, "one of " + String.join(", ", kinds()));
    }
}
