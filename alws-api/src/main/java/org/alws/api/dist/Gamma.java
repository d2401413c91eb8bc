package org.alws.api.dist;

import org.alws.api.tensor.Tensor;

/**
 * The gamma distribution with shape (concentration) α and rate β, density β^α x^(α-1) e^(-βx) / Γ(α), elementwise.
 * Reparameterised through implicit differentiation of the sampler; an exponential family with S = [log x, x].
 */
public final class Gamma extends Elementwise implements ExponentialFamily {

    private Gamma(Tensor concentration, Tensor rate) {
        super("concentration", concentration, "rate", rate);
    }

    public static Gamma of(Tensor concentration, Tensor rate) {
        return new Gamma(concentration, rate);
    }

    public Tensor concentration() {
        return a;
    }

    public Tensor rate() {
        return b;
    }

    @Override
    public Tensor sample(Tensor seed) {
        return ops().randomGamma(a, seed).div(b);
    }

    @Override
    public Tensor logProb(Tensor x) {
        return a.mul(b.log()).add(a.sub(1.0).mul(x.log())).sub(b.mul(x)).sub(a.lgamma());
    }

    @Override
    public boolean reparameterized() {
        return true;
    }

    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    @Override
    public Tensor mean() {
        return a.div(b);
    }

    @Override
    public int statisticCount() {
        return 2;
    }

    @Override
    public Tensor naturalParameters() {
        return pair(a.sub(1.0), b.neg());
    }

    @Override
    public Tensor logNormalizer() {
        return a.lgamma().sub(a.mul(b.log()));
    }

    @Override
    public Tensor sufficientStatistics(Tensor x) {
        return x.ops().stack(-1, java.util.List.of(x.log(), x));
    }

    @Override
    public Tensor logBaseMeasure(Tensor x) {
        return x.ops().zeros(x.shape()).cast(x.dtype());
    }
}
