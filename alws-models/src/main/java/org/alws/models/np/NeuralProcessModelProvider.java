package org.alws.models.np;

import com.google.auto.service.AutoService;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link NeuralProcessModel} under the name {@code neural-process}, at priority 5 (chosen by name): by
 * default the reference's sizes, z ∈ R⁵⁰, hidden layers of 50 units, 4 context points among 8 targets.
 */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class NeuralProcessModelProvider implements ModelProvider<NeuralProcessModelProvider.Options> {

    /**
     * Options of the neural process.
     *
     * @param latentDim L, the dimension of z
     * @param hidden H, the width of every hidden layer of the encoder and the decoder
     * @param contextPoints C, the context points (the first C targets)
     * @param targetPoints T, the target points
     */
    public record Options(
            @Doc("L, the dimension of the latent z, >= 1") int latentDim,
            @Doc("H, the width of the encoder's and decoder's hidden layers, >= 1") int hidden,
            @Doc("C, the context points (the first C targets), >= 1") int contextPoints,
            @Doc("T, the target points, > contextPoints") int targetPoints) {
        /** Validates. */
        public Options {
            Check.atLeast("latentDim", latentDim, 1);
            Check.atLeast("hidden", hidden, 1);
            Check.atLeast("contextPoints", contextPoints, 1);
            if (targetPoints <= contextPoints) {
                throw new ConfigException("targetPoints", targetPoints, "an integer > contextPoints ("
                        + contextPoints + "): the targets are the context points and more");
            }
        }
    }

    /** Below the default model's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "neural-process";
    }

    @Override
    public String description() {
        return "Neural process: z ~ N(mu(C), sigma(C)^2) from a mean-pooled encoder of the context pairs, "
                + "y_t ~ N(mu_y(x_t, z), sigma_y(x_t, z)^2) at the targets; conditions on inputs x and contextY";
    }

    /** L = 50, H = 50, C = 4, T = 8 (the reference's). */
    @Override
    public Options defaultOptions() {
        return new Options(50, 50, 4, 8);
    }

    @Override
    public NeuralProcessModel create(Options options) {
        return new NeuralProcessModel(options);
    }
}
