package org.alws.core.registry.fakes;

/** A working model provider with the same priority as {@link WorkingModel}, later in the alphabet. */
public final class ZetaModel extends FakeModel {
    public ZetaModel() {
        super("zeta", 10);
    }
}
