package org.alws.core.registry.fakes.jarred;

import org.alws.core.registry.fakes.FakeModel;

/** One of two model providers named {@code ppca}; packed into a.jar at test time. */
public final class DupOne extends FakeModel {
    public DupOne() {
        super("ppca", 0);
    }
}
