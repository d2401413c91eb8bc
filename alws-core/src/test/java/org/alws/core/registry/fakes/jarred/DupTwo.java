package org.alws.core.registry.fakes.jarred;

import org.alws.core.registry.fakes.FakeModel;

/** The other model provider named {@code ppca}; packed into b.jar at test time. */
public final class DupTwo extends FakeModel {
    public DupTwo() {
        super("ppca", 0);
    }
}
