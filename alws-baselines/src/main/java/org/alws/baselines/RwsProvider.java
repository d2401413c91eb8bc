package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link RwsLearner} as the learner plugin {@code rws}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class RwsProvider implements LearnerProvider<RwsOptions> {
    @Override
    public String name() {
        return "rws";
    }

    @Override
    public String description() {
        return "reweighted wake-sleep: self-normalised importance sampling with wake-phi and/or sleep-phi guide updates";
    }

    @Override
    public RwsOptions defaultOptions() {
        return RwsOptions.defaults();
    }

    @Override
    public Learner create(RwsOptions options) {
        return new RwsLearner(options);
    }
}
