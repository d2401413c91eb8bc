package org.alws.api.backend;

import java.util.Objects;
import org.alws.api.ConfigException;
import org.alws.api.tensor.DType;

/**
 * How to open a workspace.
 *
 * @param floatType FLOAT32 (default) or FLOAT64
 * @param intraOpThreads threads used inside one operation (0 lets the backend decide)
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 */
public record WorkspaceOptions(DType floatType, int intraOpThreads, String device) {
    public WorkspaceOptions {
        Objects.requireNonNull(floatType, "floatType");
        if (!floatType.isFloating()) {
            throw new ConfigException("dtype", floatType, "float32 or float64");
        }
        if (intraOpThreads < 0) {
            throw new ConfigException("intraOpThreads", intraOpThreads, "an integer >= 0");
        }
        if (!device.equals("cpu") && !device.equals("gpu") && !device.equals("auto")) {
            throw new ConfigException("device", device, "one of cpu, gpu, auto");
        }
    }

    /** FLOAT32, two intra-op threads, automatic device. */
    public static WorkspaceOptions defaults() {
        return new WorkspaceOptions(DType.FLOAT32, 2, "auto");
    }

    public WorkspaceOptions withFloatType(DType type) {
        return new WorkspaceOptions(type, intraOpThreads, device);
    }
}
