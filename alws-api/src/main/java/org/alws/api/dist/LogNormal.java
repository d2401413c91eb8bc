package org.alws.api.dist;

import org.alws.api.tensor.Tensor;

/**
 * The log-normal distribution: {@code log x ~ N(loc, scale²)}, elementwise. Reparameterised; an exponential family
 * with S = [log x, (log x)²] and log h(x) = -log x - log(2π)/2.
 */
public final class LogNormal extends Elementwise implements ExponentialFamily {

    private LogNormal(Tensor loc, Tensor scale) {
        super("loc", loc, "scale", scale);
    }

    public static LogNormal of(Tensor loc, Tensor scale) {
        return new LogNormal(loc, scale);
    }

    public Tensor loc() {
        return a;
    }

    public Tensor scale() {
        return b;
    }

    @Override
    public Tensor sample(Tensor seed) {
        return a.add(b.mul(ops().randomNormal(shape(), dtype(), seed))).exp();
    }

    @Override
    public Tensor logProb(Tensor x) {
        Tensor lx = x.log();
        Tensor z = lx.sub(a).div(b);
        return z.square().mul(-0.5).sub(b.log()).sub(HALF_LOG_2PI).sub(lx);
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
        return a.add(b.square().mul(0.5)).exp();
    }

    @Override
    public int statisticCount() {
        return 2;
    }

    @Override
    public Tensor naturalParameters() {
        Tensor precision = b.square().reciprocal();
        return pair(a.mul(precision), precision.mul(-0.5));
    }

    @Override
    public Tensor logNormalizer() {
        return a.square().div(b.square().mul(2.0)).add(b.log());
    }

    @Override
    public Tensor sufficientStatistics(Tensor x) {
        Tensor lx = x.log();
        return x.ops().stack(-1, java.util.List.of(lx, lx.square()));
    }

    @Override
    public Tensor logBaseMeasure(Tensor x) {
        return x.log().neg().sub(HALF_LOG_2PI);
    }
}
