package org.alws.models.pinwheel;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;

/** Registers {@link PinwheelLikelihoodMetric} as the metric plugin {@value PinwheelLikelihoodMetric#NAME}. */
@AutoService(MetricProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class PinwheelLikelihoodMetricProvider
        implements MetricProvider<PinwheelLikelihoodMetricProvider.Options> {

    /**
     * Options of the pinwheel likelihood estimate.
     *
     * @param samples importance samples per test point
     * @param points test points evaluated
     */
    public record Options(
            @Doc("Importance samples of y per test point (after two adaptation rounds of samples/4 each), >= 1")
            int samples,
            @Doc("Test points evaluated (the first ones), >= 1") int points) {
        /** Validates. */
        public Options {
            Check.atLeast("samples", samples, 1);
            Check.atLeast("points", points, 1);
        }
    }

    @Override
    public String name() {
        return PinwheelLikelihoodMetric.NAME;
    }

    @Override
    public String description() {
        return "held-out log-likelihood per point of the pinwheel model: component summed out, latent by adaptive "
                + "importance sampling";
    }

    @Override
    public Options defaultOptions() {
        return new Options(2000, 1000);
    }

    @Override
    public Metric create(Options options) {
        return new PinwheelLikelihoodMetric(options.samples(), options.points());
    }
}
