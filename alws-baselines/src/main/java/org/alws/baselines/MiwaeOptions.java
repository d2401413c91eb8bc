package org.alws.baselines;

import java.util.List;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;

/**
 * Options of the MIWAE learner.
 *
 * @param groups M, independent IWAE bounds averaged per data point
 * @param particles K, importance samples in each of the M bounds (M·K particles per point)
 * @param guideHidden units per hidden layer of the default guide
 * @param guideLayers hidden layers of the default guide
 * @param guideActivation activation of the default guide
 * @param guideEncoder the default guide's encoder: auto (conv for image data [H, W, C]), mlp or conv
 * @param guideConvChannels output channels of the default guide's conv encoder (4×4, stride 2, ReLU)
 * @param guideFitSteps guide steps at fixed θ before a score estimate
 * @param guideFitLearningRate Adam step size of those guide steps
 */
public record MiwaeOptions(
        @Doc("M, independent IWAE bounds averaged per data point") int groups,
        @Doc("K, importance samples in each bound (M*K particles per point)") int particles,
        @Doc("units per hidden layer of the default guide") int guideHidden,
        @Doc("hidden layers of the default guide (0: linear)") int guideLayers,
        @Doc("activation of the default guide: tanh or relu") Activation guideActivation,
        @Doc("encoder of the default guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv")
        Encoder guideEncoder,
        @Doc("output channels of the default guide's conv encoder (4x4, stride 2, ReLU)")
        List<Integer> guideConvChannels,
        @Doc("guide steps at fixed parameters before a score estimate") int guideFitSteps,
        @Doc("Adam step size of the guide steps before a score estimate") double guideFitLearningRate) {

    public MiwaeOptions {
        Check.atLeast("groups", groups, 1);
        Check.atLeast("particles", particles, 1);
        new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
        Check.atLeast("guideFitSteps", guideFitSteps, 0);
        Check.positive("guideFitLearningRate", guideFitLearningRate);
    }

    /** M = 2 bounds of K = 5 particles, the default guide, 200 guide steps at 0.01 before estimates. */
    public static MiwaeOptions defaults() {
        GuideOptions g = GuideOptions.defaults();
        return new MiwaeOptions(2, 5, g.hidden(), g.layers(), g.activation(), g.encoder(), g.convChannels(), 200, 0.01);
    }

    /** The default guide's shape. */
    public GuideOptions guide() {
        return new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
    }

    public MiwaeOptions withGroups(int m, int k) {
        return new MiwaeOptions(m, k, guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels,
                guideFitSteps, guideFitLearningRate);
    }
}
