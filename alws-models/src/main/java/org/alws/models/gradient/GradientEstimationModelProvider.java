package org.alws.models.gradient;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/** Provides the {@link GradientEstimationModel} under the name {@code gradient-estimation}. */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class GradientEstimationModelProvider implements ModelProvider<GradientEstimationModelProvider.Options> {

    /**
     * Options of the gradient-estimation model.
     *
     * @param sigmaX the fixed observation noise standard deviation
     * @param initialB the initial value of the learnable b
     */
    public record Options(
            @Doc("Observation noise standard deviation sigma_x (fixed), > 0") double sigmaX,
            @Doc("Initial value of the learnable parameter b, two numbers") double[] initialB) {
        /** Validates and copies. */
        public Options {
            Check.positive("sigmaX", sigmaX);
            initialB = Check.finiteVector("initialB", initialB, 2);
        }

        @Override
        public double[] initialB() {
            return initialB.clone();
        }
    }

    /** The default model and data set: the gradient-estimation experiment is the framework's main job. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public String name() {
        return "gradient-estimation";
    }

    @Override
    public String description() {
        return "2-D latent z ~ N(0, I), x|z ~ N(softplus(b.z) - |b|^2, sigma_x^2); exact score by quadrature";
    }

    @Override
    public Options defaultOptions() {
        return new Options(0.5, new double[] {0.2, 0.1});
    }

    @Override
    public GradientEstimationModel create(Options options) {
        return new GradientEstimationModel(options.sigmaX(), options.initialB());
    }
}
