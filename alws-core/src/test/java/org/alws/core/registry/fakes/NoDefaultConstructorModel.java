package org.alws.core.registry.fakes;

/** A model provider that ServiceLoader cannot instantiate: it has no public no-argument constructor. */
public final class NoDefaultConstructorModel extends FakeModel {
    public NoDefaultConstructorModel(int priority) {
        super("no-default-constructor", priority);
    }
}
