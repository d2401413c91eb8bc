package org.alws.core.kernel;

import com.google.auto.service.AutoService;
import org.alws.api.config.NoOptions;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.KernelProvider;

/** Registers the kernel plugin {@code matern52}: {@link MaternKernel#matern52()}. */
@AutoService(KernelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class Matern52KernelProvider implements KernelProvider<NoOptions> {
    @Override
    public String name() {
        return "matern52";
    }

    @Override
    public String description() {
        return "Matérn ν = 5/2 kernel (1 + √5 r + 5r²/3) exp(-√5 r), r = |x-y|/σ (Student-t spectrum, 5 dof)";
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
        return MaternKernel.matern52();
    }
}
