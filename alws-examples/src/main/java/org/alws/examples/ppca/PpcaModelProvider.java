package org.alws.examples.ppca;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/** Provides {@link PpcaModel} under the name {@code ppca}. */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class PpcaModelProvider implements ModelProvider<PpcaModelProvider.Options> {

    /**
     * Options of the probabilistic PCA model.
     *
     * @param dim the data dimension D
     * @param latent the latent dimension k
     * @param initialLogSigma the initial log noise standard deviation
     */
    public record Options(
            @Doc("Data dimension D, >= 1") int dim,
            @Doc("Latent dimension k, >= 1") int latent,
            @Doc("Initial value of log sigma, the log noise standard deviation") double initialLogSigma) {
        /** Validates. */
        public Options {
            Check.atLeast("dim", dim, 1);
            Check.atLeast("latent", latent, 1);
            Check.finite("initialLogSigma", initialLogSigma);
        }
    }

    @Override
    public String name() {
        return "ppca";
    }

    @Override
    public String description() {
        return "Probabilistic PCA: z ~ N(0, I_k), x ~ N(z W + mu, sigma^2 I_D); exact likelihood and score";
    }

    @Override
    public Options defaultOptions() {
        return new Options(10, 2, 0.0);
    }

    @Override
    public PpcaModel create(Options options) {
        return new PpcaModel(options.dim(), options.latent(), options.initialLogSigma());
    }
}
