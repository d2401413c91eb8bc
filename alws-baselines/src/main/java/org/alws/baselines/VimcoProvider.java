package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link VimcoLearner} as the learner plugin {@code vimco}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class VimcoProvider implements LearnerProvider<VimcoOptions> {
    @Override
    public String name() {
        return "vimco";
    }

    @Override
    public String description() {
        return "VIMCO: K-sample bound, score-function guide gradient with leave-one-out baselines (discrete latents)";
    }

    @Override
    public VimcoOptions defaultOptions() {
        return VimcoOptions.defaults();
    }

    @Override
    public Learner create(VimcoOptions options) {
        return new VimcoLearner(options);
    }
}
