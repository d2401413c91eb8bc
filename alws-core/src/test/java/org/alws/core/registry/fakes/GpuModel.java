package org.alws.core.registry.fakes;

import org.alws.api.plugin.Availability;

/** The highest-priority model provider, but unavailable. */
public final class GpuModel extends FakeModel {
    public GpuModel() {
        super("gpu-model", 100);
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("needs a CUDA device");
    }
}
