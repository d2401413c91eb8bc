package org.alws.core.registry.fakes.jarred;

import org.alws.core.registry.fakes.FakeModel;

/** A working model provider packed into a.jar next to a duplicate. */
public final class SoloModel extends FakeModel {
    public SoloModel() {
        super("solo", 0);
    }
}
