package org.alws.api.regress;

import org.alws.api.tensor.Tensor;

/**
 * A gradient model for ALWS: fits a {@link LinearSmoother} on the sleep inputs. Exact kernel ridge regression is the
 * reference; random features, Nyström and neural features trade exactness for speed.
 */
public interface Regressor {

    /** Fits to sleep inputs [N, D] (traced inside a compiled function). */
    LinearSmoother fit(Tensor inputs, RegressionContext context);
}
