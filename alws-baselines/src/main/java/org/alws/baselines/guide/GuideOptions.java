package org.alws.baselines.guide;

import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * The shape of a {@link DefaultGuide}'s network.
 *
 * @param hidden units per hidden layer of the MLP
 * @param layers number of hidden layers of the MLP (0: every head is linear in the data or the conv features)
 * @param activation nonlinearity of the MLP's hidden layers
 * @param encoder auto (conv for image data [H, W, C], else the MLP alone), mlp or conv
 * @param convChannels output channels of the conv encoder's layers (4×4 filters, stride 2, ReLU), first to last
 */
public record GuideOptions(@Doc("units per hidden layer of the guide") int hidden,
        @Doc("hidden layers of the guide (0: linear heads)") int layers,
        @Doc("activation of the guide's hidden layers: tanh or relu") Activation activation,
        @Doc("encoder of the guide: auto (conv for [H, W, C] image data, else mlp), mlp or conv") Encoder encoder,
        @Doc("output channels of the conv encoder's 4x4 stride-2 layers") List<Integer> convChannels) {

    /** The conv encoder's default channels: three layers, 32, 64 and 128. */
    public static final List<Integer> DEFAULT_CONV_CHANNELS = List.of(32, 64, 128);

    public GuideOptions {
        Check.atLeast("guideHidden", hidden, 1);
        Check.atLeast("guideLayers", layers, 0);
        if (activation == null) {
            throw new ConfigException("guideActivation", null, "one of tanh, relu");
        }
        if (encoder == null) {
            throw new ConfigException("guideEncoder", null, "one of auto, mlp, conv");
        }
        if (convChannels == null || convChannels.isEmpty() || convChannels.stream().anyMatch(c -> c == null
                || c < 1)) {
            throw new ConfigException("guideConvChannels", convChannels, "one or more channel counts >= 1, e.g. "
                    + DEFAULT_CONV_CHANNELS);
        }
        convChannels = List.copyOf(convChannels);
    }

    /** An MLP guide's shape, with the automatic encoder choice and the default conv channels. */
    public GuideOptions(int hidden, int layers, Activation activation) {
        this(hidden, layers, activation, Encoder.AUTO, DEFAULT_CONV_CHANNELS);
    }

    /** One hidden layer of 100 tanh units, after the conv encoder (32, 64, 128 channels) on image data. */
    public static GuideOptions defaults() {
        return new GuideOptions(100, 1, Activation.TANH);
    }

    /** These options with another encoder and conv channels. */
    public GuideOptions withEncoder(Encoder kind, List<Integer> channels) {
        return new GuideOptions(hidden, layers, activation, kind, channels);
    }
}
