package org.alws.api.dist;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The Bernoulli distribution over {0, 1} (as floating values), parameterised by logits, elementwise. Not
 * reparameterised; an exponential family with η = logit, S = x, A = softplus(logit).
 */
public final class Bernoulli implements ExponentialFamily {
    private final Tensor logits;

    private Bernoulli(Tensor logits) {
        if (!logits.dtype().isFloating()) {
            throw new IllegalArgumentException("Bernoulli: logits must be floating, got " + logits.dtype());
        }
        this.logits = logits;
    }

    public static Bernoulli ofLogits(Tensor logits) {
        return new Bernoulli(logits);
    }

    /** From probabilities, clamped to [1e-6, 1 - 1e-6] so that the logits stay finite. */
    public static Bernoulli ofProbs(Tensor probs) {
        Tensor p = probs.clip(1e-6, 1 - 1e-6);
        return new Bernoulli(p.log().sub(p.neg().log1p()));
    }

    public Tensor logits() {
        return logits;
    }

    @Override
    public Shape shape() {
        return logits.shape();
    }

    @Override
    public DType dtype() {
        return logits.dtype();
    }

    @Override
    public Tensor sample(Tensor seed) {
        Tensor u = logits.ops().randomUniform(shape(), dtype(), seed);
        return u.lt(logits.sigmoid()).cast(dtype());
    }

    @Override
    public Tensor logProb(Tensor x) {
        return x.mul(logits).sub(logits.softplus());
    }

    @Override
    public boolean reparameterized() {
        return false;
    }

    @Override
    public Support support() {
        return Support.BINARY;
    }

    @Override
    public Tensor mean() {
        return logits.sigmoid();
    }

    @Override
    public int statisticCount() {
        return 1;
    }

    @Override
    public Tensor naturalParameters() {
        return logits.reshape(shape().append(1));
    }

    @Override
    public Tensor logNormalizer() {
        return logits.softplus();
    }

    @Override
    public Tensor sufficientStatistics(Tensor x) {
        return x.reshape(x.shape().append(1));
    }

    @Override
    public Tensor logBaseMeasure(Tensor x) {
        return x.ops().zeros(x.shape()).cast(x.dtype());
    }

    @Override
    public String toString() {
        return "Bernoulli" + shape();
    }
}
