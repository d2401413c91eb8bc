package org.alws.core.run;

import java.io.IOException;

/**
 * A test seam: called at named points of a multi-step write so that tests can simulate a crash there by throwing.
 * Production code uses {@link #NONE}.
 */
@FunctionalInterface
interface FaultInjector {
    FaultInjector NONE = point -> {
    };

    /** Called when the write reaches {@code point}; throwing aborts the write as a crash would. */
    void at(String point) throws IOException;
}
