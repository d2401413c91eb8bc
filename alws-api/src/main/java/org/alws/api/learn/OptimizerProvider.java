package org.alws.api.learn;

import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The service interface of optimiser plugins.
 *
 * @param <O> the optimiser's options record
 */
public interface OptimizerProvider<O extends Record> extends Provider<O> {

    @Override
    default PluginKind kind() {
        return PluginKind.OPTIMIZER;
    }

    Optimizer create(O options);
}
