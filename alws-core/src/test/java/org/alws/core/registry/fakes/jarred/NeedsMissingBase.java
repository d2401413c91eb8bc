package org.alws.core.registry.fakes.jarred;

/** A model provider packed into c.jar without its superclass: loading it throws NoClassDefFoundError. */
public final class NeedsMissingBase extends MissingBase {
}
