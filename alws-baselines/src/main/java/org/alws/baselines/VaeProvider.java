package org.alws.baselines;

import com.google.auto.service.AutoService;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;

/** Registers {@link VaeLearner} as the learner plugin {@code vae}. */
@AutoService(LearnerProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class VaeProvider implements LearnerProvider<VaeOptions> {
    @Override
    public String name() {
        return "vae";
    }

    @Override
    public String description() {
        return "variational autoencoder: reparameterised ELBO with a default or model-provided guide";
    }

    @Override
    public VaeOptions defaultOptions() {
        return VaeOptions.defaults();
    }

    @Override
    public Learner create(VaeOptions options) {
        return new VaeLearner(options);
    }
}
