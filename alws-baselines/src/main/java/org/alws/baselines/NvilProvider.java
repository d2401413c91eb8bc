package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link NvilLearner} as the learner plugin {@code nvil}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class NvilProvider implements LearnerProvider<NvilOptions> {
    @Override
    public String name() {
        return "nvil";
    }

    @Override
    public String description() {
        return "NVIL: single-sample score-function guide gradient with a learned input-dependent baseline";
    }

    @Override
    public NvilOptions defaultOptions() {
        return NvilOptions.defaults();
    }

    @Override
    public Learner create(NvilOptions options) {
        return new NvilLearner(options);
    }
}
