package org.alws.core.optim;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.OptimizerProvider;

/** Registers {@link Sgd} as the optimiser plugin {@code sgd}. */
@AutoService(OptimizerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class SgdProvider implements OptimizerProvider<SgdOptions> {
    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "stochastic gradient descent with optional (Nesterov) momentum";
    }

    @Override
    public SgdOptions defaultOptions() {
        return new SgdOptions(1e-2, 0.9, false);
    }

    @Override
    public Optimizer create(SgdOptions options) {
        return new Sgd(options);
    }
}
