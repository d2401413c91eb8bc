package org.alws.models.ring;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;

/**
 * Registers {@link OrientationUniformity} as the metric plugin {@value OrientationUniformity#NAME}: how far the
 * orientations of a model's images are from uniform on [0, π).
 */
@AutoService(MetricProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class OrientationUniformityProvider implements MetricProvider<OrientationUniformityProvider.Options> {

    /**
     * Options of the orientation metric.
     *
     * @param samples model images drawn (and held-out images read) per evaluation
     */
    public record Options(@Doc("Model images drawn, and held-out images read, per evaluation, >= 1") int samples) {
        /** Validates. */
        public Options {
            Check.atLeast("samples", samples, 1);
        }
    }

    @Override
    public String name() {
        return OrientationUniformity.NAME;
    }

    @Override
    public String description() {
        return "Kolmogorov-Smirnov statistic of the model's image orientations (structure tensor) against "
                + "uniform on [0, pi), beside the held-out images' own";
    }

    @Override
    public Options defaultOptions() {
        return new Options(1000);
    }

    @Override
    public Metric create(Options options) {
        return new OrientationUniformity(options.samples());
    }
}
