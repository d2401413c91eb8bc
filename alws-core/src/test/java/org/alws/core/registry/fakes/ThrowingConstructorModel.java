package org.alws.core.registry.fakes;

/** A model provider whose constructor throws, as one whose native library is missing might. */
public final class ThrowingConstructorModel extends FakeModel {
    public ThrowingConstructorModel() {
        super("never", 0);
        throw new IllegalStateException("native library libfoo.so is missing");
    }
}
