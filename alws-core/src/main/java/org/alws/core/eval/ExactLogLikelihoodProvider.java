package org.alws.core.eval;

import com.google.auto.service.AutoService;
import org.alws.api.config.NoOptions;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;

/** Registers {@link ExactLogLikelihood} as the metric plugin {@code loglik}. */
@AutoService(MetricProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class ExactLogLikelihoodProvider implements MetricProvider<NoOptions> {
    @Override
    public String name() {
        return ExactLogLikelihood.NAME;
    }

    @Override
    public String description() {
        return "mean held-out log-likelihood per example, for models with an exact likelihood";
    }

    @Override
    public NoOptions defaultOptions() {
        return new NoOptions();
    }

    @Override
    public Metric create(NoOptions options) {
        return new ExactLogLikelihood();
    }
}
