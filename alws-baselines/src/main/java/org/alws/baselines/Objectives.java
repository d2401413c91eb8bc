package org.alws.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.backend.Variable;
import org.alws.api.model.TraceResult;
import org.alws.api.tensor.Tensor;

/**
 * The objectives of one traced function of a baseline learner.
 *
 * @param bound the per-point bound on log p(x_m) the learner reports (its loss is minus its mean), [B]
 * @param theta a scalar whose θ-gradient is the learner's estimate of Σ_m c_m ∇θ log p(x_m) (factors excluded)
 * @param guideLoss a scalar to minimise in φ, or null when {@code guideGradients} are given directly or φ is not
 *     updated; when it is minus {@code theta} ({@code shared}), one backward pass serves both
 * @param shared true if {@code guideLoss} is −{@code theta}, so that one backward pass gives θ and φ gradients
 * @param guideGradients φ-gradients computed by the learner (e.g. DReG), or null
 * @param model the model's scoring trace (for its factors)
 * @param metrics named scalars to report
 */
record Objectives(Tensor bound, Tensor theta, Tensor guideLoss, boolean shared, Map<Variable, Tensor> guideGradients,
        TraceResult model, Map<String, Tensor> metrics) {

    Objectives {
        metrics = new LinkedHashMap<>(metrics);
    }
}
