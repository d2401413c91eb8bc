package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link CiwaeLearner} as the learner plugin {@code ciwae}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class CiwaeProvider implements LearnerProvider<CiwaeOptions> {
    @Override
    public String name() {
        return "ciwae";
    }

    @Override
    public String description() {
        return "combination importance-weighted autoencoder: beta*ELBO + (1 - beta)*IWAE on the same particles";
    }

    @Override
    public CiwaeOptions defaultOptions() {
        return CiwaeOptions.defaults();
    }

    @Override
    public Learner create(CiwaeOptions options) {
        return new CiwaeLearner(options);
    }
}
