package org.alws.models.ica;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link IcaModel} under the name {@code ica}, at priority 5 (chosen by name): by default k = 8 sources
 * in D = 16 dimensions, filters starting at N(0, 0.1²) draws and σ at 1.
 */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class IcaModelProvider implements ModelProvider<IcaModelProvider.Options> {

    /**
     * Options of the ICA model.
     *
     * @param latent k, the number of Laplace sources
     * @param dimension D, the data dimension
     * @param initialWeightStd standard deviation of the filters' initial draws
     * @param initialSigma initial noise scale σ
     */
    public record Options(
            @Doc("k, the number of Laplace sources, >= 1") int latent,
            @Doc("D, the data dimension, >= 1") int dimension,
            @Doc("Standard deviation of the filters' initial N(0, s^2) draws, > 0") double initialWeightStd,
            @Doc("Initial noise scale sigma, > 0") double initialSigma) {
        /** Validates. */
        public Options {
            Check.atLeast("latent", latent, 1);
            Check.atLeast("dimension", dimension, 1);
            Check.positive("initialWeightStd", initialWeightStd);
            Check.positive("initialSigma", initialSigma);
        }
    }

    /** Below the default model's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "ica";
    }

    @Override
    public String description() {
        return "Independent component analysis: z ~ Laplace(0, I_k), x ~ N(z W, sigma^2 I_D), learned W and sigma";
    }

    @Override
    public Options defaultOptions() {
        return new Options(8, 16, 0.1, 1.0);
    }

    @Override
    public IcaModel create(Options o) {
        return new IcaModel(o);
    }
}
