package org.alws.models.np;

import com.google.auto.service.AutoService;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;

/** Registers {@link NeuralProcessPredictiveMetric} as the metric plugin {@value NeuralProcessPredictiveMetric#NAME}. */
@AutoService(MetricProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class NeuralProcessPredictiveMetricProvider
        implements MetricProvider<NeuralProcessPredictiveMetricProvider.Options> {

    /**
     * Options of the neural process's predictive log-likelihood.
     *
     * @param functions test functions evaluated, from the first (0: all)
     * @param samples draws of z ~ p(z | context) per function
     */
    public record Options(
            @Doc("Test functions evaluated, the first ones (0: all of them), >= 0") int functions,
            @Doc("K, draws of z from the conditional prior per function, >= 1") int samples) {
        /** Validates. */
        public Options {
            Check.atLeast("functions", functions, 0);
            Check.atLeast("samples", samples, 1);
        }
    }

    @Override
    public String name() {
        return NeuralProcessPredictiveMetric.NAME;
    }

    @Override
    public String description() {
        return "predictive log-likelihood of a neural process's held-out targets given the context, by Monte Carlo "
                + "over the conditional prior p(z | context)";
    }

    /** All test functions, K = 1,000. */
    @Override
    public Options defaultOptions() {
        return new Options(0, 1000);
    }

    @Override
    public Metric create(Options options) {
        return new NeuralProcessPredictiveMetric(options.functions(), options.samples());
    }
}
