package org.alws.tensorflow;

import com.google.auto.service.AutoService;
import org.alws.api.BackendException;
import org.alws.api.backend.Backend;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.config.NoOptions;
import org.alws.api.plugin.Availability;

/** The TensorFlow Java backend plugin: graph mode, CPU by default, GPU with the {@code -gpu} native classifier. */
@AutoService(Backend.class)
public final class TensorFlowBackend implements Backend {

    @Override
    public String name() {
        return "tensorflow";
    }

    @Override
    public String description() {
        return "TensorFlow Java " + NativeLibrary.TF_JAVA_VERSION + " in graph mode (" + NativeLibrary.platform()
                + (NativeLibrary.gpuBuild() ? ", GPU build" : ", CPU build") + ")";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return NativeLibrary.availability();
    }

    @Override
    public NoOptions defaultOptions() {
        return new NoOptions();
    }

    @Override
    public Workspace open(WorkspaceOptions options) {
        String version = NativeLibrary.load();
        boolean gpu = NativeLibrary.gpuBuild();
        if (options.device().equals("gpu") && !gpu) {
            throw new BackendException("device 'gpu' needs the GPU build of TensorFlow (classifier "
                    + NativeLibrary.platform() + "-gpu, Maven profile -Pgpu); the CPU build is on the class path");
        }
        String device = options.device().equals("cpu") || !gpu ? "cpu" : "gpu if present";
        return new TfWorkspace(options, "tensorflow " + version + " (TF Java " + NativeLibrary.TF_JAVA_VERSION + ", "
                + NativeLibrary.platform() + ", " + device + ", " + options.floatType().label() + ")");
    }
}
