package org.alws.core.regress;

import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.Tensor;

/**
 * A map from inputs [N, D] to features [N, F] applied before a kernel, e.g. a fixed random projection or a learned
 * network. The same map is applied to sleep inputs and queries within one fit.
 */
@FunctionalInterface
public interface FeatureMap {

    /** The features of {@code inputs}, [N, F]. Learned maps keep their weights in the context's hyper-parameters. */
    Tensor apply(Tensor inputs, RegressionContext context);
}
