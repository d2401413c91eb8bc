package org.alws.api.model;

import org.alws.api.dist.Distribution;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * What a model program talks to. The same program, run against different traces, either draws joint samples (every
 * site sampled), scores given values (every site given), or anything between (latents sampled, data given), so
 * sampling and density can never disagree. All sites are batched along their first axis, of size
 * {@link #batchSize()}.
 */
public interface Trace {

    TensorOps ops();

    /** Number of independent draws (or data points) this run of the program is batched over. */
    int batchSize();

    /** A learnable parameter, created on first use with the given initial values. */
    Tensor param(String name, Shape shape, Initializer init);

    /**
     * A latent random choice. Returns the given value if this trace has one for {@code name}, else a draw.
     *
     * @throws IllegalArgumentException if the name is used twice, or the distribution's first axis is not the batch
     */
    Tensor sample(String name, Distribution distribution);

    /**
     * A conditioning input (a covariate, such as the context points of a neural process): a value that comes with
     * each data point, which the model conditions on but neither draws nor scores. A model with inputs is a
     * conditional model p(z, x | input); its data examples carry the inputs after the observation (see
     * {@link ModelStructure#dataShape()}), and learners that support inputs draw their sleep samples at the inputs
     * of the data they fit.
     *
     * @param eventShape the shape of one example's input; the value is [batch] + eventShape, floating
     * @throws IllegalArgumentException if the name is used twice, or the trace has no value for the input
     */
    Tensor input(String name, Shape eventShape);

    /** An observed random choice: the data when scoring, a draw when sampling from the model. */
    Tensor observe(String name, Distribution distribution);

    /**
     * An extra log-density term on the parameters alone, such as a prior for MAP estimation. It is a scalar counted
     * once per data set (learners divide it by the number of training examples per data point).
     */
    void factor(String name, Tensor logDensity);
}
