package org.alws.models.pinwheel;

import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.config.Check;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.metric.Metric;
import org.alws.api.tensor.HostArray;

/**
 * The held-out log-likelihood per point of a {@link PinwheelModel}, estimated by {@link PinwheelLikelihood} with
 * {@code samples} importance samples per point on the first {@code points} test points ({@value #KEY}). Its draws
 * come from the evaluation's seed stream, so an evaluation is a pure function of the run's seed and step.
 */
public final class PinwheelLikelihoodMetric implements Metric {
    /** The metric's plugin name. */
    public static final String NAME = "pinwheel-loglik";
    /** The estimate's key in the results. */
    public static final String KEY = "pinwheel_loglik";

    private final int samples;
    private final int points;

    /**
     * @param samples importance samples per point (&gt;= 1)
     * @param points test points evaluated, from the first (&gt;= 1; fewer if the test split is smaller)
     */
    public PinwheelLikelihoodMetric(int samples, int points) {
        this.samples = Check.atLeast("samples", samples, 1);
        this.points = Check.atLeast("points", points, 1);
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) {
        if (!(context.model() instanceof PinwheelModel model)) {
            throw new IncompatibleModelException(NAME + " estimates the likelihood of the pinwheel model only, "
                    + "got " + context.model());
        }
        int n = Math.min(points, context.data().size());
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        HostArray x = context.data().examples(first);
        PinwheelLikelihood likelihood = model.parameters(context.modelParameters().values()).likelihood(samples);
        return Map.of(KEY, likelihood.meanLogLikelihood(x.doubles(), context.seeds().child(NAME).random(0)));
    }
}
