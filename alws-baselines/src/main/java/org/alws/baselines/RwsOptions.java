package org.alws.baselines;

import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;

/**
 * Options of the reweighted wake-sleep learner.
 *
 * @param particles K, importance samples per data point
 * @param guideUpdate the guide's objective: wake, sleep or both
 * @param guideHidden units per hidden layer of the default guide
 * @param guideLayers hidden layers of the default guide
 * @param guideActivation activation of the default guide
 * @param guideEncoder the default guide's encoder: auto (conv for image data [H, W, C]), mlp or conv
 * @param guideConvChannels output channels of the default guide's conv encoder (4×4, stride 2, ReLU)
 * @param guideFitSteps guide steps at fixed θ before a score estimate
 * @param guideFitLearningRate Adam step size of those guide steps
 */
public record RwsOptions(
        @Doc("K, importance samples per data point") int particles,
        @Doc("the guide's objective: wake (wake-phi), sleep (sleep-phi) or both") GuideUpdate guideUpdate,
        @Doc("units per hidden layer of the default guide") int guideHidden,
        @Doc("hidden layers of the default guide (0: linear)") int guideLayers,
        @Doc("activation of the default guide: tanh or relu") Activation guideActivation,
        @Doc("encoder of the default guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv")
        Encoder guideEncoder,
        @Doc("output channels of the default guide's conv encoder (4x4, stride 2, ReLU)")
        List<Integer> guideConvChannels,
        @Doc("guide steps at fixed parameters before a score estimate") int guideFitSteps,
        @Doc("Adam step size of the guide steps before a score estimate") double guideFitLearningRate) {

    public RwsOptions {
        Check.atLeast("particles", particles, 1);
        if (guideUpdate == null) {
            throw new ConfigException("guideUpdate", null, "one of wake, sleep, both");
        }
        new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
        Check.atLeast("guideFitSteps", guideFitSteps, 0);
        Check.positive("guideFitLearningRate", guideFitLearningRate);
    }

    /** K = 5, wake-φ, the default guide, 200 guide steps at 0.01 before estimates. */
    public static RwsOptions defaults() {
        GuideOptions g = GuideOptions.defaults();
        return new RwsOptions(5, GuideUpdate.WAKE, g.hidden(), g.layers(), g.activation(), g.encoder(),
                g.convChannels(), 200, 0.01);
    }

    /** The default guide's shape. */
    public GuideOptions guide() {
        return new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
    }

    public RwsOptions withParticles(int k) {
        return new RwsOptions(k, guideUpdate, guideHidden, guideLayers, guideActivation, guideEncoder,
                guideConvChannels, guideFitSteps, guideFitLearningRate);
    }

    public RwsOptions withGuideUpdate(GuideUpdate u) {
        return new RwsOptions(particles, u, guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels,
                guideFitSteps, guideFitLearningRate);
    }

    public RwsOptions withGuideFitSteps(int steps) {
        return new RwsOptions(particles, guideUpdate, guideHidden, guideLayers, guideActivation, guideEncoder,
                guideConvChannels, steps, guideFitLearningRate);
    }
}
