package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link WakeSleepLearner} as the learner plugin {@code wake-sleep}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class WakeSleepProvider implements LearnerProvider<WakeSleepOptions> {
    @Override
    public String name() {
        return "wake-sleep";
    }

    @Override
    public String description() {
        return "wake-sleep (Helmholtz machine): wake-theta on one guide sample, sleep-phi on dreams";
    }

    @Override
    public WakeSleepOptions defaultOptions() {
        return WakeSleepOptions.defaults();
    }

    @Override
    public Learner create(WakeSleepOptions options) {
        return new WakeSleepLearner(options);
    }
}
