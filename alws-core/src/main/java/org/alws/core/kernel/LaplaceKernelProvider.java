package org.alws.core.kernel;

import com.google.auto.service.AutoService;
import org.alws.api.config.NoOptions;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.KernelProvider;

/** Registers the kernel plugin {@code laplace}: {@link MaternKernel#laplace()}. */
@AutoService(KernelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class LaplaceKernelProvider implements KernelProvider<NoOptions> {
    @Override
    public String name() {
        return "laplace";
    }

    @Override
    public String description() {
        return "Laplace kernel exp(-|x-y|/σ) (Matérn ν = 1/2, Euclidean distance; multivariate Cauchy spectrum)";
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
        return MaternKernel.laplace();
    }
}
