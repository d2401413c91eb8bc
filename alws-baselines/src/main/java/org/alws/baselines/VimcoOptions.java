package org.alws.baselines;

import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;

/**
 * Options of the VIMCO learner.
 *
 * @param particles K ≥ 2, samples per data point in the multi-sample bound (the leave-one-out baseline needs two)
 * @param baseline what replaces the left-out weight: the geometric or the arithmetic mean of the others
 * @param guideHidden units per hidden layer of the default guide
 * @param guideLayers hidden layers of the default guide
 * @param guideActivation activation of the default guide
 * @param guideEncoder the default guide's encoder: auto (conv for image data [H, W, C]), mlp or conv
 * @param guideConvChannels output channels of the default guide's conv encoder (4×4, stride 2, ReLU)
 * @param guideFitSteps guide steps at fixed θ before a score estimate
 * @param guideFitLearningRate Adam step size of those guide steps
 */
public record VimcoOptions(
        @Doc("K >= 2, samples per data point in the multi-sample bound") int particles,
        @Doc("leave-one-out baseline: geometric or arithmetic mean of the other weights") VimcoBaseline baseline,
        @Doc("units per hidden layer of the default guide") int guideHidden,
        @Doc("hidden layers of the default guide (0: linear)") int guideLayers,
        @Doc("activation of the default guide: tanh or relu") Activation guideActivation,
        @Doc("encoder of the default guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv")
        Encoder guideEncoder,
        @Doc("output channels of the default guide's conv encoder (4x4, stride 2, ReLU)")
        List<Integer> guideConvChannels,
        @Doc("guide steps at fixed parameters before a score estimate") int guideFitSteps,
        @Doc("Adam step size of the guide steps before a score estimate") double guideFitLearningRate) {

    public VimcoOptions {
        Check.atLeast("particles", particles, 2);
        if (baseline == null) {
            throw new ConfigException("baseline", null, "one of geometric, arithmetic");
        }
        new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
        Check.atLeast("guideFitSteps", guideFitSteps, 0);
        Check.positive("guideFitLearningRate", guideFitLearningRate);
    }

    /** K = 5, the geometric-mean baseline, the default guide, 200 guide steps at 0.01 before estimates. */
    public static VimcoOptions defaults() {
        GuideOptions g = GuideOptions.defaults();
        return new VimcoOptions(5, VimcoBaseline.GEOMETRIC, g.hidden(), g.layers(), g.activation(), g.encoder(),
                g.convChannels(), 200, 0.01);
    }

    /** The default guide's shape. */
    public GuideOptions guide() {
        return new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
    }

    public VimcoOptions withParticles(int k) {
        return new VimcoOptions(k, baseline, guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels,
                guideFitSteps, guideFitLearningRate);
    }

    public VimcoOptions withBaseline(VimcoBaseline b) {
        return new VimcoOptions(particles, b, guideHidden, guideLayers, guideActivation, guideEncoder,
                guideConvChannels, guideFitSteps, guideFitLearningRate);
    }

    public VimcoOptions withGuide(GuideOptions g) {
        return new VimcoOptions(particles, baseline, g.hidden(), g.layers(), g.activation(), g.encoder(),
                g.convChannels(), guideFitSteps, guideFitLearningRate);
    }
}
