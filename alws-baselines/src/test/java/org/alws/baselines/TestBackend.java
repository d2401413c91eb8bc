package org.alws.baselines;

import java.util.ServiceLoader;
import org.alws.api.backend.Backend;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;

/** Opens workspaces on the highest-priority available backend on the test class path (alws-tensorflow). */
final class TestBackend {
    private TestBackend() {
    }

    static Workspace openFloat64() {
        Backend best = null;
        for (Backend b : ServiceLoader.load(Backend.class)) {
            if (b.availability().isAvailable() && (best == null || b.priority() > best.priority())) {
                best = b;
            }
        }
        if (best == null) {
            throw new AssertionError("no backend on the test class path");
        }
        return best.open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }
}
