package org.alws.models.factor;

import com.google.auto.service.AutoService;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link MatrixFactorisationModel} under the name {@code matrix-factorisation}, at priority 5 (chosen by
 * name). The defaults are the paper's: k = 100 latents, D = 784 pixels (a flattened 28×28 image), a Gamma(0.9, 0.3)
 * prior on every weight, initial weights uniform on [0.01, 0.03]; the guide's encoder has 200 tanh units.
 */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class MatrixFactorisationModelProvider
        implements ModelProvider<MatrixFactorisationModelProvider.Options> {

    /**
     * Options of the matrix factorisation model.
     *
     * @param latent k, the number of uniform latents
     * @param pixels D, the number of binary pixels of a flattened image
     * @param priorShape shape of the Gamma prior on every weight (a MAP penalty)
     * @param priorRate rate of the Gamma prior on every weight
     * @param initialWeightLow lower end of the initial weights' uniform draws
     * @param initialWeightHigh upper end of the initial weights' uniform draws
     * @param guideHidden tanh units of the model's own guide (used by vae, rws and the other guide-based learners)
     */
    public record Options(
            @Doc("Number of latents k, >= 1") int latent,
            @Doc("Pixels D of a flattened image, >= 1") int pixels,
            @Doc("Shape of the Gamma prior on every weight (a MAP penalty on W, not a latent), > 0")
            double priorShape,
            @Doc("Rate of the Gamma prior on every weight, > 0") double priorRate,
            @Doc("Lower end of the initial weights' uniform draws, > 0") double initialWeightLow,
            @Doc("Upper end of the initial weights' uniform draws, >= initialWeightLow") double initialWeightHigh,
            @Doc("Hidden tanh units of the model's logit-normal guide, >= 1") int guideHidden) {
        /** Validates. */
        public Options {
            Check.atLeast("latent", latent, 1);
            Check.atLeast("pixels", pixels, 1);
            Check.positive("priorShape", priorShape);
            Check.positive("priorRate", priorRate);
            Check.positive("initialWeightLow", initialWeightLow);
            Check.positive("initialWeightHigh", initialWeightHigh);
            if (initialWeightHigh < initialWeightLow) {
                throw new ConfigException("initialWeightHigh", initialWeightHigh,
                        "a number >= initialWeightLow (" + initialWeightLow + ")");
            }
            Check.atLeast("guideHidden", guideHidden, 1);
        }
    }

    /** Below the default model's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "matrix-factorisation";
    }

    @Override
    public String description() {
        return "Non-negative matrix factorisation of binary images: z ~ U(0, 1)^k, "
                + "x ~ Bernoulli(sigmoid(logit(z) W + b)), W = exp(V) with a Gamma MAP prior";
    }

    @Override
    public Options defaultOptions() {
        return new Options(100, 784, 0.9, 0.3, 0.01, 0.03, 200);
    }

    @Override
    public MatrixFactorisationModel create(Options o) {
        return new MatrixFactorisationModel(o.latent(), o.pixels(), o.priorShape(), o.priorRate(),
                o.initialWeightLow(), o.initialWeightHigh(), o.guideHidden());
    }
}
