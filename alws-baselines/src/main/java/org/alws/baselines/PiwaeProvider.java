package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link PiwaeLearner} as the learner plugin {@code piwae}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class PiwaeProvider implements LearnerProvider<PiwaeOptions> {
    @Override
    public String name() {
        return "piwae";
    }

    @Override
    public String description() {
        return "partially importance-weighted autoencoder: IWAE bound for the model, ELBO (or small-K IWAE) for the"
                + " guide";
    }

    @Override
    public PiwaeOptions defaultOptions() {
        return PiwaeOptions.defaults();
    }

    @Override
    public Learner create(PiwaeOptions options) {
        return new PiwaeLearner(options);
    }
}
