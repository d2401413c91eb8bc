package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link FlowVaeLearner} as the learner plugin {@code flow-vae}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class FlowVaeProvider implements LearnerProvider<FlowVaeOptions> {
    @Override
    public String name() {
        return "flow-vae";
    }

    @Override
    public String description() {
        return "VAE with a normalising-flow posterior (planar or IAF layers amortised by the encoder)";
    }

    @Override
    public FlowVaeOptions defaultOptions() {
        return FlowVaeOptions.defaults();
    }

    @Override
    public Learner create(FlowVaeOptions options) {
        return new FlowVaeLearner(options);
    }
}
