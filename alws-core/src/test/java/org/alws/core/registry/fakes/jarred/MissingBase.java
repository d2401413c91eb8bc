package org.alws.core.registry.fakes.jarred;

import org.alws.core.registry.fakes.FakeModel;

/** A superclass left out of c.jar, so that {@link NeedsMissingBase} fails to link. */
public abstract class MissingBase extends FakeModel {
    protected MissingBase() {
        super("needs-missing-base", 0);
    }
}
