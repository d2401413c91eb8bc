package org.alws.models.mixture;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link GaussianMixtureModel} under the name {@code gaussian-mixture}, at priority 5: below the
 * framework's default model ({@code gradient-estimation}, priority 10), so it is used only when named.
 */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class GaussianMixtureModelProvider implements ModelProvider<GaussianMixtureModelProvider.Options> {

    /**
     * Options of the Gaussian mixture model.
     *
     * @param components the number of components K
     * @param dimension the data dimension D
     * @param initialMeanStd the standard deviation of the random initial means
     * @param initialLogScale the initial log standard deviation of every component and dimension
     */
    public record Options(
            @Doc("Number of mixture components K, >= 1") int components,
            @Doc("Data dimension D, >= 1") int dimension,
            @Doc("Standard deviation of the seeded N(0, s^2) initial means, > 0 (breaks the symmetry between "
                    + "components)") double initialMeanStd,
            @Doc("Initial log standard deviation of every component") double initialLogScale) {
        /** Validates. */
        public Options {
            Check.atLeast("components", components, 1);
            Check.atLeast("dimension", dimension, 1);
            Check.positive("initialMeanStd", initialMeanStd);
            Check.finite("initialLogScale", initialLogScale);
        }
    }

    /** Below the default model's 10: the mixture is chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "gaussian-mixture";
    }

    @Override
    public String description() {
        return "Gaussian mixture: z ~ Categorical(softmax(logits)), x|z ~ N(mu_z, diag sigma_z^2); exact "
                + "likelihood and score by summing out z";
    }

    /**
     * Five components in 2-D, initial means drawn with standard deviation 4 and initial scales e ≈ 2.7: the scale of
     * the default data set (means on a circle of radius 4). Means started closer together (standard deviation 2)
     * let one component settle across two clusters, a local maximum every learner tried (rws, vimco, nvil) got
     * stuck in on the default seed.
     */
    @Override
    public Options defaultOptions() {
        return new Options(5, 2, 4.0, 1.0);
    }

    @Override
    public GaussianMixtureModel create(Options options) {
        return new GaussianMixtureModel(options.components(), options.dimension(), options.initialMeanStd(),
                options.initialLogScale());
    }
}
