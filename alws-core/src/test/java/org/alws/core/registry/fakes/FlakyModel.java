package org.alws.core.registry.fakes;

import org.alws.api.plugin.Availability;

/** A model provider whose availability check throws. */
public final class FlakyModel extends FakeModel {
    public FlakyModel() {
        super("flaky", 50);
    }

    @Override
    public Availability availability() {
        throw new RuntimeException("probe crashed");
    }
}
