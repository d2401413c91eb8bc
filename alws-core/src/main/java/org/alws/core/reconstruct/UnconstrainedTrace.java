package org.alws.core.reconstruct;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.dist.Distribution;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Runs a model with every latent site set to the image of an unconstrained value under {@link Unconstrained} and
 * the observed site set to the data, accumulating log p(x, z) per example. The density is that of z itself: no
 * Jacobian of the map from u is added, so its maximiser over u is the MAP estimate in z's own coordinates. Factors
 * depend on the parameters alone and are left out (they do not change the maximiser).
 */
final class UnconstrainedTrace implements Trace {
    private final TensorOps ops;
    private final Parameters parameters;
    private final int batchSize;
    private final Map<String, Tensor> unconstrained;
    private final Tensor data;
    private final Map<String, Tensor> latents = new LinkedHashMap<>();
    private Tensor logJoint;
    private Distribution observed;

    /**
     * @param unconstrained u of every latent site by name, each [batch, ...]
     * @param data the observed site's value [batch, ...]
     */
    UnconstrainedTrace(TensorOps ops, Parameters parameters, Map<String, Tensor> unconstrained, Tensor data) {
        this.ops = ops;
        this.parameters = parameters;
        this.batchSize = Math.toIntExact(data.dim(0));
        this.unconstrained = unconstrained;
        this.data = data;
        this.logJoint = ops.zeros(Shape.of(batchSize));
    }

    @Override
    public TensorOps ops() {
        return ops;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public Tensor param(String name, Shape shape, Initializer init) {
        return parameters.get(ops, name, shape, init);
    }

    @Override
    public Tensor sample(String name, Distribution distribution) {
        Tensor u = unconstrained.get(name);
        if (u == null || latents.containsKey(name)) {
            throw new IllegalArgumentException("MAP reconstruction: latent site '" + name + "' is not one of "
                    + unconstrained.keySet() + " or is sampled twice");
        }
        Tensor z = Unconstrained.toSupport(name, distribution, u);
        latents.put(name, z);
        add(distribution.logProb(z));
        return z;
    }

    @Override
    public Tensor input(String name, Shape eventShape) {
        throw new IllegalArgumentException("MAP reconstruction does not support conditional models; the model "
                + "conditions on input '" + name + "'");
    }

    @Override
    public Tensor observe(String name, Distribution distribution) {
        if (observed != null) {
            throw new IllegalArgumentException("MAP reconstruction needs a model that observes one site; '" + name
                    + "' is a second one");
        }
        observed = distribution;
        Tensor x = data.cast(distribution.dtype());
        add(distribution.logProb(x));
        return x;
    }

    @Override
    public void factor(String name, Tensor logDensity) {
        // A function of the parameters alone: constant in the latents.
    }

    private void add(Tensor logProb) {
        logJoint = logJoint.add(logProb.sumTrailing().cast(logJoint.dtype()));
    }

    /** log p(x, z) of every example, [batch]. */
    Tensor logJoint() {
        return logJoint;
    }

    /** z of every latent site, by name. */
    Map<String, Tensor> latents() {
        return latents;
    }

    /** The observed site's distribution given the latents (null before the program observes). */
    Distribution observed() {
        return observed;
    }
}
