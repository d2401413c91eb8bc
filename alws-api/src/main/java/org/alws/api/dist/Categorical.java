package org.alws.api.dist;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The categorical distribution over {0, ..., K-1}, with unnormalised log-probabilities (logits) on the last axis.
 * Values are INT32 of the logits' shape without the last axis. Not reparameterised; an exponential family with
 * η = logits, S = one-hot(x), A = logsumexp(logits).
 */
public final class Categorical implements ExponentialFamily {
    private final Tensor logits;
    private final int categories;

    private Categorical(Tensor logits) {
        if (!logits.dtype().isFloating() || logits.shape().rank() < 1) {
            throw new IllegalArgumentException(
                    "Categorical: logits must be a floating tensor with a category axis, got " + logits.dtype()
                            + logits.shape());
        }
        this.logits = logits;
        this.categories = Math.toIntExact(logits.shape().dim(-1));
    }

    public static Categorical ofLogits(Tensor logits) {
        return new Categorical(logits);
    }

    public Tensor logits() {
        return logits;
    }

    /** Number of categories K. */
    public int categories() {
        return categories;
    }

    /** The normalised probabilities, of the logits' shape. */
    public Tensor probs() {
        return logits.softmax(-1);
    }

    @Override
    public Shape shape() {
        return logits.shape().head(logits.shape().rank() - 1);
    }

    @Override
    public DType dtype() {
        return DType.INT32;
    }

    @Override
    public Tensor sample(Tensor seed) {
        // Gumbel-max: argmax(logits + Gumbel noise).
        Tensor u = logits.ops().randomUniform(logits.shape(), logits.dtype(), seed).maximum(1e-20);
        Tensor gumbel = u.log().neg().log().neg();
        return logits.ops().argMax(logits.stopGradient().add(gumbel), -1);
    }

    @Override
    public Tensor logProb(Tensor value) {
        return sufficientStatistics(value).mul(logits.logSoftmax(-1)).sum(-1);
    }

    @Override
    public boolean reparameterized() {
        return false;
    }

    @Override
    public Support support() {
        return Support.CATEGORICAL;
    }

    @Override
    public int statisticCount() {
        return categories;
    }

    @Override
    public Tensor naturalParameters() {
        return logits;
    }

    @Override
    public Tensor logNormalizer() {
        return logits.logSumExp(-1);
    }

    @Override
    public Tensor sufficientStatistics(Tensor value) {
        return logits.ops().oneHot(value.cast(DType.INT32), categories, logits.dtype());
    }

    @Override
    public Tensor logBaseMeasure(Tensor value) {
        return logits.ops().zeros(value.shape()).cast(logits.dtype());
    }

    @Override
    public String toString() {
        return "Categorical" + shape() + "{K=" + categories + "}";
    }
}
