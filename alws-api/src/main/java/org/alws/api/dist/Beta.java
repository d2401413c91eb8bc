package org.alws.api.dist;

import org.alws.api.tensor.Tensor;

/**
 * The beta distribution on (0, 1) with parameters α, β, elementwise. Reparameterised (as a ratio of gamma draws);
 * an exponential family with S = [log x, log(1 - x)].
 */
public final class Beta extends Elementwise implements ExponentialFamily {

    private Beta(Tensor alpha, Tensor beta) {
        super("alpha", alpha, "beta", beta);
    }

    public static Beta of(Tensor alpha, Tensor beta) {
        return new Beta(alpha, beta);
    }

    @Override
    public Tensor sample(Tensor seed) {
        Tensor x = ops().randomGamma(a, ops().offsetSeed(seed, 0));
        Tensor y = ops().randomGamma(b, ops().offsetSeed(seed, 1));
        return x.div(x.add(y)).clip(TINY, 1 - TINY);
    }

    @Override
    public Tensor logProb(Tensor x) {
        return a.sub(1.0).mul(x.log()).add(b.sub(1.0).mul(x.neg().log1p())).sub(logNormalizer());
    }

    @Override
    public boolean reparameterized() {
        return true;
    }

    @Override
    public Support support() {
        return Support.UNIT_INTERVAL;
    }

    @Override
    public Tensor mean() {
        return a.div(a.add(b));
    }

    @Override
    public int statisticCount() {
        return 2;
    }

    @Override
    public Tensor naturalParameters() {
        return pair(a.sub(1.0), b.sub(1.0));
    }

    @Override
    public Tensor logNormalizer() {
        return a.lgamma().add(b.lgamma()).sub(a.add(b).lgamma());
    }

    @Override
    public Tensor sufficientStatistics(Tensor x) {
        return x.ops().stack(-1, java.util.List.of(x.log(), x.neg().log1p()));
    }

    @Override
    public Tensor logBaseMeasure(Tensor x) {
        return x.ops().zeros(x.shape()).cast(x.dtype());
    }
}
