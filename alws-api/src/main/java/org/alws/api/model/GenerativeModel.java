package org.alws.api.model;

/**
 * A latent-variable generative model p(z, x), written once as a program with named sample sites. Learners need only
 * to run it: ALWS draws sleep samples from it and differentiates its log joint; the baselines also score it at
 * values proposed by a guide.
 *
 * <pre>{@code
 * public void run(Trace t) {
 *     TensorOps ops = t.ops();
 *     Tensor w = t.param("W", Shape.of(2, 10), Initializer.normal(0.1));
 *     Tensor z = t.sample("z", Normal.of(ops.zeros(Shape.of(t.batchSize(), 2)), 1.0));
 *     t.observe("x", Normal.of(z.matmul(w), 0.5));
 * }
 * }</pre>
 *
 * <p>Implementations must be stateless (all state in parameters) and deterministic given the trace.
 */
@FunctionalInterface
public interface GenerativeModel {
    void run(Trace trace);
}
