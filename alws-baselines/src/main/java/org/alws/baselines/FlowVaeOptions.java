package org.alws.baselines;

import java.util.List;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.baselines.flow.FlowKind;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.Encoder;
import org.alws.baselines.guide.GuideOptions;

/**
 * Options of the flow-VAE learner.
 *
 * @param particles K: 1 gives the ELBO, more the importance-weighted bound, both with the flow posterior
 * @param flow the kind of flow layer: {@code planar} or {@code iaf}
 * @param flowLength L, the number of flow layers
 * @param guideHidden units per hidden layer of the default guide (the encoder)
 * @param guideLayers hidden layers of the default guide
 * @param guideActivation activation of the default guide
 * @param guideEncoder the default guide's encoder: auto (conv for image data [H, W, C]), mlp or conv
 * @param guideConvChannels output channels of the default guide's conv encoder (4×4, stride 2, ReLU)
 * @param guideFitSteps guide steps at fixed θ before a score estimate
 * @param guideFitLearningRate Adam step size of those guide steps
 */
public record FlowVaeOptions(
        @Doc("K: 1 for the ELBO, more for the importance-weighted bound, with the flow posterior") int particles,
        @Doc("flow layer: planar or iaf") String flow,
        @Doc("number of flow layers L") int flowLength,
        @Doc("units per hidden layer of the default guide") int guideHidden,
        @Doc("hidden layers of the default guide (0: linear)") int guideLayers,
        @Doc("activation of the default guide: tanh or relu") Activation guideActivation,
        @Doc("encoder of the default guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv")
        Encoder guideEncoder,
        @Doc("output channels of the default guide's conv encoder (4x4, stride 2, ReLU)")
        List<Integer> guideConvChannels,
        @Doc("guide steps at fixed parameters before a score estimate") int guideFitSteps,
        @Doc("Adam step size of the guide steps before a score estimate") double guideFitLearningRate) {

    public FlowVaeOptions {
        Check.atLeast("particles", particles, 1);
        Check.oneOf("flow", flow, FlowKind.names());
        Check.atLeast("flowLength", flowLength, 1);
        new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
        Check.atLeast("guideFitSteps", guideFitSteps, 0);
        Check.positive("guideFitLearningRate", guideFitLearningRate);
    }

    /**
     * One particle, four IAF layers, the default guide, 200 guide steps at step size 0.01 before estimates.
     */
    public static FlowVaeOptions defaults() {
        GuideOptions g = GuideOptions.defaults();
        return new FlowVaeOptions(1, "iaf", 4, g.hidden(), g.layers(), g.activation(), g.encoder(), g.convChannels(),
                200, 0.01);
    }

    /** The flow kind. */
    public FlowKind flowKind() {
        return FlowKind.of(flow);
    }

    /** The default guide's shape. */
    public GuideOptions guide() {
        return new GuideOptions(guideHidden, guideLayers, guideActivation, guideEncoder, guideConvChannels);
    }

    public FlowVaeOptions withParticles(int k) {
        return new FlowVaeOptions(k, flow, flowLength, guideHidden, guideLayers, guideActivation, guideEncoder,
                guideConvChannels, guideFitSteps, guideFitLearningRate);
    }

    public FlowVaeOptions withFlow(String kind, int length) {
        return new FlowVaeOptions(particles, kind, length, guideHidden, guideLayers, guideActivation, guideEncoder,
                guideConvChannels, guideFitSteps, guideFitLearningRate);
    }

    public FlowVaeOptions withGuideFitSteps(int steps) {
        return new FlowVaeOptions(particles, flow, flowLength, guideHidden, guideLayers, guideActivation, guideEncoder,
                guideConvChannels, steps, guideFitLearningRate);
    }
}
