package org.alws.api.model;

import java.util.Map;
import org.alws.api.tensor.HostArray;

/**
 * A capability of models whose score ∇θ log p(x) can be computed exactly: the ground truth of the gradient study.
 */
public interface ExactScore {

    /**
     * The gradient of log p(x_m) with respect to each parameter, for every example: one array per parameter of shape
     * {@code [M] + parameterShape}, keyed by the model's local parameter names.
     */
    Map<String, HostArray> score(HostArray data, Map<String, HostArray> parameters);
}
