package org.alws.models.np;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.config.Check;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.metric.Metric;
import org.alws.api.tensor.HostArray;

/**
 * The predictive log-likelihood of a {@link NeuralProcessModel} on held-out functions: for each of the first
 * {@code functions} test functions (all when 0), log p(y_H | x_H, context) of its held-out targets H (the targets
 * that are not context points), estimated from {@code samples} draws z_k ~ p(z | context) of the conditional prior
 * as log (1/K) Σ_k Π_{t∈H} N(y_t; μ_y(x_t, z_k), σ_y(x_t, z_k)²) ({@link NeuralProcessPredictions}); reported as the
 * mean over functions ({@value #HELD_OUT}), per point ({@value #HELD_OUT_PER_POINT}, divided by T − C), and the same
 * over all T targets ({@value #ALL_TARGETS}, {@value #ALL_TARGETS_PER_POINT}). The estimate is a lower bound in
 * expectation (Jensen), tight as K grows. Its draws come from the evaluation's seed stream.
 */
public final class NeuralProcessPredictiveMetric implements Metric {
    /** The metric's plugin name. */
    public static final String NAME = "np-predictive";
    /** Mean over functions of log p(y_H | x_H, context). */
    public static final String HELD_OUT = "np.predictive";
    /** {@value #HELD_OUT} divided by the number of held-out targets, T − C. */
    public static final String HELD_OUT_PER_POINT = "np.predictive.perPoint";
    /** Mean over functions of log p(y_T | x_T, context), all targets. */
    public static final String ALL_TARGETS = "np.predictive.allTargets";
    /** {@value #ALL_TARGETS} divided by T. */
    public static final String ALL_TARGETS_PER_POINT = "np.predictive.allTargets.perPoint";

    private final int functions;
    private final int samples;

    /**
     * @param functions test functions evaluated, from the first (0: all)
     * @param samples K, draws of z per function (&gt;= 1)
     */
    public NeuralProcessPredictiveMetric(int functions, int samples) {
        this.functions = Check.atLeast("functions", functions, 0);
        this.samples = Check.atLeast("samples", samples, 1);
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) {
        if (!(context.model() instanceof NeuralProcessModel model)) {
            throw new IncompatibleModelException(NAME + " scores neural-process models only (a conditional prior "
                    + "p(z | context) and a decoder), got " + context.model());
        }
        int size = context.data().size();
        int n = functions == 0 ? size : Math.min(functions, size);
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        HostArray rows = context.data().examples(first);
        NeuralProcessPredictions.Scores scores = NeuralProcessPredictions.scores(context.workspace(), model,
                context.modelParameters(), rows, samples, context.seeds().child(NAME).random(0));
        double heldOut = NeuralProcessPredictions.Scores.mean(scores.heldOut());
        double all = NeuralProcessPredictions.Scores.mean(scores.allTargets());
        int t = model.targetPoints();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(HELD_OUT, heldOut);
        out.put(HELD_OUT_PER_POINT, heldOut / (t - model.contextPoints()));
        out.put(ALL_TARGETS, all);
        out.put(ALL_TARGETS_PER_POINT, all / t);
        return out;
    }
}
