package org.alws.api.contract;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.alws.api.backend.Backend;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;

/**
 * Finds the backend the contract tests run on: the highest-priority available {@link Backend} registered with
 * {@link ServiceLoader} on the test class path (add {@code alws-tensorflow} with test scope).
 */
final class ContractBackend {
    private static Backend backend;

    private ContractBackend() {
    }

    /** The chosen backend, found once per class loader. */
    static synchronized Backend get() {
        if (backend == null) {
            List<String> unavailable = new ArrayList<>();
            Backend best = null;
            Iterator<Backend> it = ServiceLoader.load(Backend.class).iterator();
            while (true) {
                Backend b;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    b = it.next();
                } catch (ServiceConfigurationError e) {
                    unavailable.add(e.getMessage());
                    continue;
                }
                if (!b.availability().isAvailable()) {
                    unavailable.add(b.name() + ": " + b.availability().reason());
                } else if (best == null || b.priority() > best.priority()) {
                    best = b;
                }
            }
            if (best == null) {
                throw new AssertionError("the contract tests need an ALWS backend on the test class path (e.g. "
                        + "org.alws:alws-tensorflow with test scope); none is available"
                        + (unavailable.isEmpty() ? "" : ": " + unavailable));
            }
            backend = best;
        }
        return backend;
    }

    /** A new float64 workspace on the chosen backend. */
    static Workspace openFloat64() {
        return get().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }
}
