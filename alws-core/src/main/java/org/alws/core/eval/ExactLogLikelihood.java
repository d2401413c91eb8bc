package org.alws.core.eval;

import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.metric.Metric;
import org.alws.api.model.ExactLikelihood;

/** The mean held-out log-likelihood per example, for models that can compute log p(x) exactly. */
public final class ExactLogLikelihood implements Metric {
    /** The name of the reported value. */
    public static final String NAME = "loglik";

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) {
        if (!(context.model() instanceof ExactLikelihood exact)) {
            throw new IncompatibleModelException("metric loglik needs a model with an exact likelihood; "
                    + context.model().getClass().getSimpleName() + " has none");
        }
        double[] ll = exact.logLikelihood(context.data().all(), context.modelParameters().values());
        double sum = 0;
        for (double v : ll) {
            sum += v;
        }
        return Map.of(NAME, sum / ll.length);
    }
}
