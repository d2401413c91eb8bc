package org.alws.core.registry.fakes;

/** A working model provider with a low priority. */
public final class AlphaModel extends FakeModel {
    public AlphaModel() {
        super("alpha", 1);
    }
}
