package org.alws.core.registry.fakes;

import org.alws.api.config.NoOptions;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** A working learner provider. */
public final class FakeLearner implements LearnerProvider<NoOptions> {
    @Override
    public String name() {
        return "fake-learner";
    }

    @Override
    public String description() {
        return "a learner\nwhose description spans lines";
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
