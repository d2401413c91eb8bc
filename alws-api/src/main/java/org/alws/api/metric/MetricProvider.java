package org.alws.api.metric;

import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The service interface of metric plugins.
 *
 * @param <O> the metric's options record
 */
public interface MetricProvider<O extends Record> extends Provider<O> {

    @Override
    default PluginKind kind() {
        return PluginKind.METRIC;
    }

    Metric create(O options);
}
