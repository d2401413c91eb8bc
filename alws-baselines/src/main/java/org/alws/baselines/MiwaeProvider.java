package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link MiwaeLearner} as the learner plugin {@code miwae}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class MiwaeProvider implements LearnerProvider<MiwaeOptions> {
    @Override
    public String name() {
        return "miwae";
    }

    @Override
    public String description() {
        return "multiply importance-weighted autoencoder: mean of M IWAE bounds of K particles each";
    }

    @Override
    public MiwaeOptions defaultOptions() {
        return MiwaeOptions.defaults();
    }

    @Override
    public Learner create(MiwaeOptions options) {
        return new MiwaeLearner(options);
    }
}
