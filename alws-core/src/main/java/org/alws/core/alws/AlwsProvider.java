package org.alws.core.alws;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers ALWS as the learner plugin {@code alws}, the default. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class AlwsProvider implements LearnerProvider<AlwsOptions> {
    @Override
    public String name() {
        return "alws";
    }

    @Override
    public String description() {
        return "amortised learning by wake-sleep: kernel regression of the log joint on sleep samples";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public AlwsOptions defaultOptions() {
        return AlwsOptions.defaults();
    }

    @Override
    public Learner create(AlwsOptions options) {
        return new AlwsLearner(options);
    }
}
