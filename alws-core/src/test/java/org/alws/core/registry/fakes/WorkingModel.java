package org.alws.core.registry.fakes;

/** A working model provider with priority 10. */
public final class WorkingModel extends FakeModel {
    public WorkingModel() {
        super("working", 10);
    }
}
