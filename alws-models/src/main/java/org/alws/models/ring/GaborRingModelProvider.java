package org.alws.models.ring;

import com.google.auto.service.AutoService;
import java.util.List;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link GaborRingModel} under the name {@code gabor-ring}, at priority 5: below the framework's default
 * model ({@code gradient-estimation}, priority 10), so it is used only when named. The defaults are CPU-sized
 * (channels 32 and 16); the reference's are 256 and 128.
 */
@AutoService(org.alws.api.model.ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class GaborRingModelProvider implements ModelProvider<GaborRingModelProvider.Options> {

    /**
     * Options of the circle-prior image model.
     *
     * @param channels the output channels of the 4×4 and 8×8 transposed convolutions
     * @param initialLogSigma the initial log σ of the Gaussian pixels
     */
    public record Options(
            @Doc("Output channels of the 4x4 and 8x8 layers, two counts >= 1 (reference: 256,128)")
            List<Integer> channels,
            @Doc("Initial log sigma of the Gaussian pixels") double initialLogSigma) {
        /** Validates. */
        public Options {
            channels = GaborRingModel.checkChannels(channels);
            Check.finite("initialLogSigma", initialLogSigma);
        }
    }

    /** Below the default model's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "gabor-ring";
    }

    @Override
    public String description() {
        return "Latent angle a ~ U(-pi, pi), z = (sin a, cos a), three 4x4 transposed convolutions to a 16x16 image "
                + "of Gaussian pixels (tanh mean, learnable sigma)";
    }

    @Override
    public Options defaultOptions() {
        return new Options(List.of(32, 16), 0.0);
    }

    @Override
    public GaborRingModel create(Options options) {
        return new GaborRingModel(options.channels(), options.initialLogSigma());
    }
}
