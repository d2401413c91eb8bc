package org.alws.baselines;

import java.util.List;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;

/**
 * Options of the VAE learner.
 *
 * @param particles K, reparameterised samples per data point averaged in the ELBO
 * @param analyticKl use the closed-form KL(q ‖ p) for sites where both the guide and the prior are Normal
 * @param guideHidden units per hidden layer of the default guide
 * @param guideLayers hidden layers of the default guide
 * @param guideActivation activation of the default guide
 * @param guideEncoder the default guide's encoder: auto (conv for image data [H, W, C]), mlp or conv
 * @param guideConvChannels output channels of the default guide's conv encoder (4×4, stride 2, ReLU)
 * @param guideFitSteps guide steps at fixed θ before a score estimate
 * @param guideFitLearningRate Adam step size of those guide steps
 */
public record VaeOptions(
        @Doc("K, reparameterised samples per data point averaged in the ELBO") int particles,
        @Doc("closed-form KL where guide and prior are both Normal (else Monte Carlo)") boolean analyticKl,
        @Doc("units per hidden layer of the default guide") int guideHidden,
        @Doc("hidden layers of the default guide (0: linear)") int guideLayers,
        @Doc("activation of the default guide: tanh or relu") Activation guideActivation,
        @Doc("encoder of the default guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv")
        Encoder guideEncoder,
        @Doc("output channels of the default guide's conv encoder (4x4, stride 2, ReLU)")
        List<Integer> guideConvChannels,
        @Doc("guide steps at fixed parameters before a score estimate") int guideFitSteps,
        @Doc("Adam step size of the guide steps before a score estimate") double guideFitLearningRate) {

    public VaeOptions {
        Check.atLeast("particles", particles, 1);
        new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
        Check.atLeast("guideFitSteps", guideFitSteps, 0);
        Check.positive("guideFitLearningRate", guideFitLearningRate);
    }

    /** One particle, the analytic KL, the default guide, 200 guide steps at step size 0.01 before estimates. */
    public static VaeOptions defaults() {
        GuideOptions g = GuideOptions.defaults();
        return new VaeOptions(1, true, g.hidden(), g.layers(), g.activation(), g.encoder(), g.convChannels(), 200,
                0.01);
    }

    /** The default guide's shape. */
    public GuideOptions guide() {
        return new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
    }

    public VaeOptions withParticles(int k) {
        return new VaeOptions(k, analyticKl, guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels,
                guideFitSteps, guideFitLearningRate);
    }

    public VaeOptions withAnalyticKl(boolean analytic) {
        return new VaeOptions(particles, analytic, guideHidden, guideLayers, guideActivation, guideEncoder,
                guideConvChannels, guideFitSteps, guideFitLearningRate);
    }
}
