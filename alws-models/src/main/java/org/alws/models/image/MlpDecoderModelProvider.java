package org.alws.models.image;

import com.google.auto.service.AutoService;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link MlpDecoderModel} under the name {@code mlp-decoder}, at priority 5: below the framework's
 * default model ({@code gradient-estimation}, priority 10), so it is used only when named. The defaults are the
 * decoder of Kingma and Welling's MNIST VAE: k = 20, one hidden layer of 400 ReLU units, 784 Bernoulli pixels.
 */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class MlpDecoderModelProvider implements ModelProvider<MlpDecoderModelProvider.Options> {

    /**
     * Options of the MLP decoder.
     *
     * @param latent k, the latent dimension
     * @param hidden units per hidden layer
     * @param layers number of hidden layers
     * @param activation nonlinearity of the hidden layers
     * @param pixels D, the number of pixels of a flattened image
     * @param likelihood bernoulli (logits) or gaussian (mean, learnable scalar log σ)
     * @param initialLogSigma initial log σ of the Gaussian likelihood
     */
    public record Options(
            @Doc("Latent dimension k, >= 1") int latent,
            @Doc("Units per hidden layer of the decoder, >= 1") int hidden,
            @Doc("Hidden layers of the decoder, >= 0 (0: linear)") int layers,
            @Doc("Activation of the hidden layers: relu or tanh") Activation activation,
            @Doc("Pixels D of a flattened image, >= 1") int pixels,
            @Doc("Pixel likelihood: bernoulli (logits) or gaussian (mean, learnable scalar log sigma)")
            Likelihood likelihood,
            @Doc("Initial log sigma of the gaussian likelihood") double initialLogSigma) {
        /** Validates. */
        public Options {
            Check.atLeast("latent", latent, 1);
            Check.atLeast("hidden", hidden, 1);
            Check.atLeast("layers", layers, 0);
            if (activation == null) {
                throw new ConfigException("activation", null, "one of relu, tanh");
            }
            Check.atLeast("pixels", pixels, 1);
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
        return "mlp-decoder";
    }

    @Override
    public String description() {
        return "Deep latent Gaussian model of images: z ~ N(0, I_k), MLP decoder to D Bernoulli logits or Gaussian "
                + "means";
    }

    @Override
    public Options defaultOptions() {
        return new Options(20, 400, 1, Activation.RELU, 784, Likelihood.BERNOULLI, 0.0);
    }

    @Override
    public MlpDecoderModel create(Options options) {
        return new MlpDecoderModel(options.latent(), options.hidden(), options.layers(), options.pixels(),
                options.activation(), options.likelihood(), options.initialLogSigma());
    }
}
