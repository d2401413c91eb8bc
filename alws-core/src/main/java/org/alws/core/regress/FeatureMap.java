package org.alws.core.regress;

import java.util.function.UnaryOperator;
import org.alws.api.regress.GaussianInputs;
import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.Tensor;

/**
 * A map from inputs [N, D] to features [N, F] applied before a kernel, e.g. a fixed random projection or a learned
 * network. A regressor {@link #fit fits} it to the sleep inputs of each fit and applies the result to that fit's
 * queries.
 */
@FunctionalInterface
public interface FeatureMap {

    /** The features of {@code inputs}, [N, F]. Learned maps keep their weights in the context's hyper-parameters. */
    Tensor apply(Tensor inputs, RegressionContext context);

    /**
     * The map fitted to one fit's sleep inputs: their features, and the map for that fit's queries. By default both
     * are {@link #apply}; a map whose query features depend on the sleep inputs (e.g. standardised by their
     * statistics) overrides this.
     */
    default Fitted fit(Tensor inputs, RegressionContext context) {
        return new Fitted(apply(inputs, context), queries -> apply(queries, context));
    }

    /**
     * The map fitted to sleep inputs that are a Gaussian draw not yet taken. By default it draws them and fits to the
     * draw; a map that is linear in its inputs may draw the features directly, from the same distribution.
     */
    default Fitted fit(GaussianInputs inputs, RegressionContext context) {
        return fit(inputs.draw(), context);
    }

    /**
     * A feature map fitted to the sleep inputs of one fit.
     *
     * @param features the sleep inputs' features [N, F]
     * @param queries the map of that fit's queries [M, D] to their features [M, F]
     */
    record Fitted(Tensor features, UnaryOperator<Tensor> queries) {
    }
}
