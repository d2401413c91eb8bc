package org.alws.api.learn;

import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The service interface of learner plugins.
 *
 * @param <O> the learner's options record
 */
public interface LearnerProvider<O extends Record> extends Provider<O> {

    @Override
    default PluginKind kind() {
        return PluginKind.LEARNER;
    }

    Learner create(O options);
}
