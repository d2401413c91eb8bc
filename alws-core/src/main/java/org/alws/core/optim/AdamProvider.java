package org.alws.core.optim;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.OptimizerProvider;

/** Registers {@link Adam} as the optimiser plugin {@code adam}, the default. */
@AutoService(OptimizerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class AdamProvider implements OptimizerProvider<AdamOptions> {
    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String description() {
        return "Adam with bias correction (optionally AdamW weight decay)";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public AdamOptions defaultOptions() {
        return AdamOptions.defaults();
    }

    @Override
    public Optimizer create(AdamOptions options) {
        return new Adam(options);
    }
}
