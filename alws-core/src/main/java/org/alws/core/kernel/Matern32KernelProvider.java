package org.alws.core.kernel;

import com.google.auto.service.AutoService;
import org.alws.api.config.NoOptions;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.KernelProvider;

/** Registers the kernel plugin {@code matern32}: {@link MaternKernel#matern32()}. */
@AutoService(KernelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class Matern32KernelProvider implements KernelProvider<NoOptions> {
    @Override
    public String name() {
        return "matern32";
    }

    @Override
    public String description() {
        return "Matérn ν = 3/2 kernel (1 + √3 r) exp(-√3 r), r = |x-y|/σ (Student-t spectrum, 3 dof)";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public NoOptions defaultOptions() {
        return new NoOptions();
    }

    @Override
    public Kernel create(NoOptions options) {
        return MaternKernel.matern32();
    }
}
