package org.alws.core.registry.fakes;

import org.alws.api.config.NoOptions;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelProvider;

/** Base of the fake model providers: a name, a priority and nothing else. */
public abstract class FakeModel implements ModelProvider<NoOptions> {
    private final String name;
    private final int priority;

    protected FakeModel(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "fake model " + name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public NoOptions defaultOptions() {
        return new NoOptions();
    }

    @Override
    public GenerativeModel create(NoOptions options) {
        throw new UnsupportedOperationException("fake");
    }
}
