package org.alws.api.regress;

import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The service interface of regressor plugins.
 *
 * @param <O> the regressor's options record
 */
public interface RegressorProvider<O extends Record> extends Provider<O> {

    @Override
    default PluginKind kind() {
        return PluginKind.REGRESSOR;
    }

    /** A regressor with the given options, using {@code kernel}. */
    Regressor create(O options, Kernel kernel);
}
