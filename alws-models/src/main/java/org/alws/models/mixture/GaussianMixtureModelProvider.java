package org.alws.models.mixture;

import com.google.auto.service.AutoService;
import org.alws.api.ConfigException;
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
     * @param seeding where the means start: k-means++ picks among the training data, or random draws
     */
    public record Options(
            @Doc("Number of mixture components K, >= 1") int components,
            @Doc("Data dimension D, >= 1") int dimension,
            @Doc("Standard deviation of the seeded N(0, s^2) initial means, > 0 (breaks the symmetry between "
                    + "components)") double initialMeanStd,
            @Doc("Initial log standard deviation of every component") double initialLogScale,
            @Doc("Where the means start: kmeans-plus-plus (greedy k-means++ picks among the training "
                    + "examples, one k-means step, scales from the clusters) or "
                    + "random (seeded N(0, initialMeanStd^2) draws)") GaussianMixtureModel.Seeding seeding) {
        /** Validates. */
        public Options {
            Check.atLeast("components", components, 1);
            Check.atLeast("dimension", dimension, 1);
            Check.positive("initialMeanStd", initialMeanStd);
            Check.finite("initialLogScale", initialLogScale);
            if (seeding == null) {
                throw new ConfigException("seeding", null, "one of kmeans-plus-plus, random");
            }
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
     * Five components in 2-D, means seeded by k-means++ on the training data, initial scales e ≈ 2.7 (the scale of
     * the default data set, means on a circle of radius 4). Randomly drawn means (seeding=random) often start one
     * component across two clusters, a local maximum that rws and vimco stayed in on two of three seeds.
     */
    @Override
    public Options defaultOptions() {
        return new Options(5, 2, 4.0, 1.0, GaussianMixtureModel.Seeding.KMEANS_PLUS_PLUS);
    }

    @Override
    public GaussianMixtureModel create(Options options) {
        return new GaussianMixtureModel(options.components(), options.dimension(), options.initialMeanStd(),
                options.initialLogScale(), options.seeding());
    }
}
