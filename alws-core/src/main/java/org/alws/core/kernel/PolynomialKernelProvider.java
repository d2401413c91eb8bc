package org.alws.core.kernel;

import com.google.auto.service.AutoService;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.KernelProvider;

/** Registers the polynomial kernel (c + ⟨x, y⟩/σ²)^p as the kernel plugin {@code polynomial}. */
@AutoService(KernelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class PolynomialKernelProvider implements KernelProvider<PolynomialKernelOptions> {
    @Override
    public String name() {
        return "polynomial";
    }

    @Override
    public String description() {
        return "polynomial kernel (c + <x,y>/σ²)^p, degree p (default 3) and offset c (default 1); not stationary,"
                + " no random features";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public PolynomialKernelOptions defaultOptions() {
        return PolynomialKernelOptions.defaults();
    }

    @Override
    public Kernel create(PolynomialKernelOptions options) {
        return new PolynomialKernel(options);
    }
}
