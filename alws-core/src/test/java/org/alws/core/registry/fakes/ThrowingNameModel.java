package org.alws.core.registry.fakes;

/** A model provider that cannot say its name. */
public final class ThrowingNameModel extends FakeModel {
    public ThrowingNameModel() {
        super("unused", 0);
    }

    @Override
    public String name() {
        throw new UnsupportedOperationException("no name");
    }
}
