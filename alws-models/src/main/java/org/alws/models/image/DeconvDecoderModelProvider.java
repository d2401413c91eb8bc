package org.alws.models.image;

import com.google.auto.service.AutoService;
import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link DeconvDecoderModel} under the name {@code deconv-decoder}, at priority 5: below the framework's
 * default model ({@code gradient-estimation}, priority 10), so it is used only when named. The defaults are the
 * paper's decoder: k = 16, channels 256, 128, 64, Gaussian pixels with a tanh mean and log σ starting at 0. Its
 * observations are 32×32×1 images, so 28×28 data sets need padding to 32 ({@code data.padTo32=true}).
 */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class DeconvDecoderModelProvider implements ModelProvider<DeconvDecoderModelProvider.Options> {

    /**
     * Options of the deconvolutional decoder.
     *
     * @param latent k, the latent dimension
     * @param channels the output channels of the first three transposed convolutions (4×4, 8×8, 16×16)
     * @param likelihood gaussian (tanh mean, learnable scalar log σ) or bernoulli (logits)
     * @param initialLogSigma initial log σ of the Gaussian likelihood
     * @param tanhMean whether the Gaussian mean is tanh of the decoder's output (data scaled to [−1, 1])
     */
    public record Options(
            @Doc("Latent dimension k, >= 1") int latent,
            @Doc("Output channels of the 4x4, 8x8 and 16x16 layers, three counts >= 1 (paper: 256,128,64)")
            List<Integer> channels,
            @Doc("Pixel likelihood: gaussian (mean, learnable scalar log sigma) or bernoulli (logits)")
            Likelihood likelihood,
            @Doc("Initial log sigma of the gaussian likelihood") double initialLogSigma,
            @Doc("Gaussian mean = tanh(output), for images scaled to [-1, 1] (false: the output itself)")
            boolean tanhMean) {
        /** Validates. */
        public Options {
            Check.atLeast("latent", latent, 1);
            channels = DeconvDecoderModel.checkChannels(channels);
            if (likelihood == null) {
                throw new ConfigException("likelihood", null, "one of bernoulli, gaussian");
            }
            Check.finite("initialLogSigma", initialLogSigma);
        }
    }

    /** Below the default model's 10: the decoder is chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "deconv-decoder";
    }

    @Override
    public String description() {
        return "The paper's image model: z ~ N(0, I_16), four 4x4 transposed convolutions to a 32x32x1 image of "
                + "Gaussian (tanh mean, scalar sigma) or Bernoulli pixels";
    }

    @Override
    public Options defaultOptions() {
        return new Options(16, List.of(256, 128, 64), Likelihood.GAUSSIAN, 0.0, true);
    }

    @Override
    public DeconvDecoderModel create(Options options) {
        return new DeconvDecoderModel(options.latent(), options.channels(), options.likelihood(),
                options.initialLogSigma(), options.tanhMean());
    }
}
