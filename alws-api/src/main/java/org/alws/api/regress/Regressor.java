package org.alws.api.regress;

import java.util.Optional;
import java.util.SplittableRandom;
import org.alws.api.backend.TensorSpec;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A gradient model for ALWS: fits a {@link LinearSmoother} on the sleep inputs. Exact kernel ridge regression is the
 * reference; random features, Nyström and neural features trade exactness for speed.
 *
 * <p>Call order per fit: if {@link #preparation} names an input, the framework copies the sleep inputs to the host,
 * calls {@link #prepare} (for choices that are sequential by nature, such as k-means++ seeding), and feeds the result
 * to {@link #fit} as {@link RegressionContext#prepared()}; then {@link #fit} is traced inside a compiled function.
 */
public interface Regressor {

    /** Fits to sleep inputs [N, D] (traced inside a compiled function). */
    LinearSmoother fit(Tensor inputs, RegressionContext context);

    /**
     * Fits to sleep inputs that are a Gaussian draw not yet taken (traced inside a compiled function). By default it
     * draws them and fits to the draw; a regressor whose features are linear in x overrides this to draw its features
     * directly, from the same distribution.
     */
    default LinearSmoother fit(GaussianInputs inputs, RegressionContext context) {
        return fit(inputs.draw(), context);
    }

    /**
     * The number of basis functions of an approximate regressor (random features D, inducing points m), for
     * reports; empty for exact regressors (the default).
     */
    default java.util.OptionalInt basisSize() {
        return java.util.OptionalInt.empty();
    }

    /**
     * The shape and type of the host-side preparation this regressor needs for N sleep inputs of the given
     * example shape, or empty if it needs none (the default).
     */
    default Optional<TensorSpec> preparation(int sleepSamples, Shape exampleShape) {
        return Optional.empty();
    }

    /**
     * Computes the preparation on the host from the sleep inputs [N, D] (flattened, in the workspace's floating
     * type). Only called when {@link #preparation} is present.
     */
    default HostArray prepare(HostArray sleepInputs, SplittableRandom random) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs no preparation");
    }
}
