package org.alws.baselines;

import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;

/**
 * Options of the PIWAE learner.
 *
 * @param particles K, importance samples per data point in θ's IWAE bound
 * @param guideParticles K_φ, a divisor of K: the guide ascends the mean of the IWAE bounds of the K / K_φ groups of
 *     K_φ of the same particles (1: the ELBO averaged over the K particles)
 * @param guideHidden units per hidden layer of the default guide
 * @param guideLayers hidden layers of the default guide
 * @param guideActivation activation of the default guide
 * @param guideEncoder the default guide's encoder: auto (conv for image data [H, W, C]), mlp or conv
 * @param guideConvChannels output channels of the default guide's conv encoder (4×4, stride 2, ReLU)
 * @param guideFitSteps guide steps at fixed θ before a score estimate
 * @param guideFitLearningRate Adam step size of those guide steps
 */
public record PiwaeOptions(
        @Doc("K, importance samples per data point in the model's IWAE bound") int particles,
        @Doc("K_phi, a divisor of K: particles per IWAE bound of the guide's objective (1: the ELBO)")
        int guideParticles,
        @Doc("units per hidden layer of the default guide") int guideHidden,
        @Doc("hidden layers of the default guide (0: linear)") int guideLayers,
        @Doc("activation of the default guide: tanh or relu") Activation guideActivation,
        @Doc("encoder of the default guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv")
        Encoder guideEncoder,
        @Doc("output channels of the default guide's conv encoder (4x4, stride 2, ReLU)")
        List<Integer> guideConvChannels,
        @Doc("guide steps at fixed parameters before a score estimate") int guideFitSteps,
        @Doc("Adam step size of the guide steps before a score estimate") double guideFitLearningRate) {

    public PiwaeOptions {
        Check.atLeast("particles", particles, 1);
        Check.atLeast("guideParticles", guideParticles, 1);
        if (particles % guideParticles != 0) {
            throw new ConfigException("guideParticles", guideParticles,
                    "a divisor of particles (" + particles + ")");
        }
        new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
        Check.atLeast("guideFitSteps", guideFitSteps, 0);
        Check.positive("guideFitLearningRate", guideFitLearningRate);
    }

    /** K = 8, the ELBO for the guide (K_φ = 1), the default guide, 200 guide steps at 0.01 before estimates. */
    public static PiwaeOptions defaults() {
        GuideOptions g = GuideOptions.defaults();
        return new PiwaeOptions(8, 1, g.hidden(), g.layers(), g.activation(), g.encoder(), g.convChannels(), 200, 0.01);
    }

    /** The default guide's shape. */
    public GuideOptions guide() {
        return new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
    }

    public PiwaeOptions withParticles(int k, int guideK) {
        return new PiwaeOptions(k, guideK, guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels,
                guideFitSteps, guideFitLearningRate);
    }
}
