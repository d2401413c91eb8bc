package org.alws.api.model;

import java.util.Map;
import org.alws.api.tensor.HostArray;

/**
 * A capability of models whose marginal log-likelihood log p(x) can be computed exactly (in closed form, by
 * summing out discrete latents, or by quadrature). Used by evaluation metrics and tests.
 */
public interface ExactLikelihood {

    /**
     * log p(x_m) for every example of {@code data} ([M, ...]), at the given parameter values (keyed by the model's
     * local parameter names).
     */
    double[] logLikelihood(HostArray data, Map<String, HostArray> parameters);
}
