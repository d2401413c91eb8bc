package org.alws.core.kernel;

import com.google.auto.service.AutoService;
import org.alws.api.config.NoOptions;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.KernelProvider;

/** Registers the Gaussian kernel as the kernel plugin {@code gaussian}, the default. */
@AutoService(KernelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class GaussianKernelProvider implements KernelProvider<NoOptions> {
    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "Gaussian (RBF) kernel exp(-|x-y|²/(2σ²))";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public NoOptions defaultOptions() {
        return new NoOptions();
    }

    @Override
    public Kernel create(NoOptions options) {
        return new GaussianKernel();
    }
}
