package org.alws.api.model;

import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The service interface of model plugins.
 *
 * @param <O> the model's options record
 */
public interface ModelProvider<O extends Record> extends Provider<O> {

    @Override
    default PluginKind kind() {
        return PluginKind.MODEL;
    }

    /** A model with the given (validated) options. */
    GenerativeModel create(O options);
}
