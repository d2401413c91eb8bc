package org.alws.api.metric;

import java.util.Map;

/** A figure of merit of a trained model: held-out log-likelihood, FID, KID, ... */
public interface Metric {

    /**
     * Evaluates the model; the names of the results are recorded in metrics.jsonl.
     *
     * @throws org.alws.api.IncompatibleModelException if the metric does not apply to the model
     */
    Map<String, Double> evaluate(EvaluationContext context);
}
