package org.alws.core.registry.fakes;

import org.alws.api.config.NoOptions;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.plugin.PluginKind;

/** Registered as a learner but claiming to be a metric. */
public final class MislabelledLearner implements LearnerProvider<NoOptions> {
    @Override
    public String name() {
        return "mislabelled";
    }

    @Override
    public String description() {
        return "a learner that says it is a metric";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.METRIC;
    }

    @Override
    public NoOptions defaultOptions() {
        return new NoOptions();
    }

    @Override
    public Learner create(NoOptions options) {
        throw new UnsupportedOperationException("fake");
    }
}
