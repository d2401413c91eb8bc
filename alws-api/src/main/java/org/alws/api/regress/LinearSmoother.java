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

    /** Scalar figures worth logging, e.g. the bandwidth in use. */
    default Map<String, Tensor> diagnostics() {
        return Map.of();
    }
}
