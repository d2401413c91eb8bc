package org.alws.api.regress;

import java.util.Map;
import org.alws.api.tensor.Tensor;

/**
 * A regression fitted to N sleep inputs whose predictions are linear in the targets: the prediction of targets
 * {@code t} [N, C] at query points is {@code weights(queries) t}. ALWS needs only the weights, so its gradient is
 * exact for the fitted smoother.
 */
public interface LinearSmoother {

    /** The smoother matrix α(X*), [M, N], for queries [M, D]. */
    Tensor weights(Tensor queries);

    /** Predictions {@code α(X*) t}, [M, C], for targets [N, C]. */
    default Tensor predict(Tensor queries, Tensor targets) {
        return weights(queries).matmul(targets);
    }

    /**
     * A scalar whose gradient with respect to the regressor's hyper-parameters is that of {@code Σ g ∘ α} for the
     * smoother's {@code weights} α = {@link #weights}(queries) and a cotangent g [M, N] that is a constant of the
     * gradient: a learner that fits the hyper-parameters on a loss L of the weights passes g = ∂L/∂α. The default is
     * that sum; a regressor with a factorised solve may give its adjoint instead, one more solve where
     * differentiating through the factorisation costs a cubic backward pass. Only its gradient has a meaning.
     */
    default Tensor weightsAdjoint(Tensor queries, Tensor weights, Tensor cotangent) {
        return weights.mul(cotangent.stopGradient()).sum();
    }

    /** Scalar figures worth logging, e.g. the bandwidth in use. */
    default Map<String, Tensor> diagnostics() {
        return Map.of();
    }
}
