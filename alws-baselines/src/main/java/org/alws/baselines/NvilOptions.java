package org.alws.baselines;

import java.util.List;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;

/**
 * Options of the NVIL learner.
 *
 * @param baselineHidden tanh units of the input-dependent baseline's hidden layer
 * @param centreSignal subtract a running mean of the learning signal (after the baseline)
 * @param normaliseSignal divide the learning signal by max(1, running standard deviation)
 * @param signalDecay decay α of the running mean and variance: s ← α s + (1 − α) (batch statistic)
 * @param guideHidden units per hidden layer of the default guide
 * @param guideLayers hidden layers of the default guide
 * @param guideActivation activation of the default guide
 * @param guideEncoder the default guide's encoder: auto (conv for image data [H, W, C]), mlp or conv
 * @param guideConvChannels output channels of the default guide's conv encoder (4×4, stride 2, ReLU)
 * @param guideFitSteps guide steps at fixed θ before a score estimate
 * @param guideFitLearningRate Adam step size of those guide steps
 */
public record NvilOptions(
        @Doc("tanh units of the input-dependent baseline's hidden layer") int baselineHidden,
        @Doc("subtract a running mean of the learning signal") boolean centreSignal,
        @Doc("divide the learning signal by max(1, its running standard deviation)") boolean normaliseSignal,
        @Doc("decay of the running mean and variance of the signal, in [0, 1]") double signalDecay,
        @Doc("units per hidden layer of the default guide") int guideHidden,
        @Doc("hidden layers of the default guide (0: linear)") int guideLayers,
        @Doc("activation of the default guide: tanh or relu") Activation guideActivation,
        @Doc("encoder of the default guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv")
        Encoder guideEncoder,
        @Doc("output channels of the default guide's conv encoder (4x4, stride 2, ReLU)")
        List<Integer> guideConvChannels,
        @Doc("guide steps at fixed parameters before a score estimate") int guideFitSteps,
        @Doc("Adam step size of the guide steps before a score estimate") double guideFitLearningRate) {

    public NvilOptions {
        Check.atLeast("baselineHidden", baselineHidden, 1);
        Check.inRange("signalDecay", signalDecay, 0.0, 1.0);
        new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
        Check.atLeast("guideFitSteps", guideFitSteps, 0);
        Check.positive("guideFitLearningRate", guideFitLearningRate);
    }

    /**
     * A baseline of 100 tanh units, centring and variance normalisation with decay 0.8 (as in the paper), the
     * default guide, 200 guide steps at 0.01 before estimates.
     */
    public static NvilOptions defaults() {
        GuideOptions g = GuideOptions.defaults();
        return new NvilOptions(100, true, true, 0.8, g.hidden(), g.layers(), g.activation(), g.encoder(),
                g.convChannels(), 200, 0.01);
    }

    /** The default guide's shape. */
    public GuideOptions guide() {
        return new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
    }

    public NvilOptions withSignal(boolean centre, boolean normalise) {
        return new NvilOptions(baselineHidden, centre, normalise, signalDecay, guideHidden, guideLayers,
                guideActivation, guideEncoder, guideConvChannels, guideFitSteps, guideFitLearningRate);
    }

    public NvilOptions withBaselineHidden(int hidden) {
        return new NvilOptions(hidden, centreSignal, normaliseSignal, signalDecay, guideHidden, guideLayers,
                guideActivation, guideEncoder, guideConvChannels, guideFitSteps, guideFitLearningRate);
    }

    public NvilOptions withGuide(GuideOptions g) {
        return new NvilOptions(baselineHidden, centreSignal, normaliseSignal, signalDecay, g.hidden(), g.layers(),
                g.activation(), g.encoder(), g.convChannels(), guideFitSteps, guideFitLearningRate);
    }
}
