package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link IwaeLearner} as the learner plugin {@code iwae}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class IwaeProvider implements LearnerProvider<IwaeOptions> {
    @Override
    public String name() {
        return "iwae";
    }

    @Override
    public String description() {
        return "importance-weighted autoencoder: K-particle bound, optionally with DReG encoder gradients";
    }

    @Override
    public IwaeOptions defaultOptions() {
        return IwaeOptions.defaults();
    }

    @Override
    public Learner create(IwaeOptions options) {
        return new IwaeLearner(options);
    }
}
