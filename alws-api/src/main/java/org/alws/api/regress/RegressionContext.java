package org.alws.api.regress;

import java.util.Optional;
import org.alws.api.model.Parameters;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/** What a regressor gets when it is fitted inside a compiled function. */
public interface RegressionContext {

    TensorOps ops();

    /**
     * A scalar added to the ridge on the diagonal before factorising. It is zero normally; the learner raises it
     * step by step when a factorisation fails (jitter escalation).
     */
    Tensor jitter();

    /** A fresh INT64[2] seed for this fit's random choices (random features, inducing points). */
    Tensor seed();

    /** Where learned hyper-parameters (log bandwidth, log ridge, feature networks) live. */
    Parameters hyperParameters();

    /** The host-side preparation of {@link Regressor#prepare}, if the regressor asked for one. */
    default Optional<Tensor> prepared() {
        return Optional.empty();
    }

    /** A context of the given parts (what a learner, a benchmark or a test builds in its traced function). */
    static RegressionContext of(TensorOps ops, Tensor jitter, Tensor seed, Parameters hyperParameters,
            Optional<Tensor> prepared) {
        record Parts(TensorOps ops, Tensor jitter, Tensor seed, Parameters hyperParameters,
                Optional<Tensor> prepared) implements RegressionContext {
        }
        return new Parts(ops, jitter, seed, hyperParameters, prepared);
    }
}
