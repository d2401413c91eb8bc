package org.alws.api.model;

import org.alws.api.tensor.Tensor;

/**
 * A recognition model q_φ(z | x): a program over the model's latent sites, conditioned on the data. It samples each
 * latent site by name with {@link Trace#sample}, exactly like the model does, and declares its parameters with
 * {@link Trace#param}. Run against a sampling trace it proposes latents; against a scoring trace it evaluates
 * log q(z | x) at given latents. Learners that need a recognition model (VAE, IWAE, RWS, ...) take a guide with the
 * same latent sites as the model.
 *
 * <pre>{@code
 * Guide guide = (t, x) -> {
 *     Tensor w = t.param("W", Shape.of(10, 4), Initializer.glorotUniform());
 *     Tensor h = x.matmul(w);                                     // [batch, 4]
 *     Tensor loc = h.reshape(t.batchSize(), 2, 2)...;
 *     t.sample("z", Normal.of(loc, scale));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Guide {

    /** Draws or scores every latent site given the data [batch, ...]; the trace's batch is the data's. */
    void run(Trace trace, Tensor data);

    /** This guide with the data bound, as a program that {@link Traces} can run. */
    default GenerativeModel given(Tensor data) {
        return trace -> run(trace, data);
    }
}
