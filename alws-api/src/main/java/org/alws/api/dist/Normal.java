package org.alws.api.dist;

import org.alws.api.tensor.Tensor;

/** The normal distribution N(loc, scale²), elementwise. Reparameterised; an exponential family with S = [x, x²]. */
public final class Normal extends Elementwise implements ExponentialFamily {

    /** The scale before broadcasting: the computations broadcast it as they go rather than read the full copy. */
    private final Tensor givenScale;

    private Normal(Tensor loc, Tensor scale) {
        super("loc", loc, "scale", scale);
        this.givenScale = scale;
    }

    /** N(loc, scale²) with broadcasting of the two parameters. */
    public static Normal of(Tensor loc, Tensor scale) {
        return new Normal(loc, scale);
    }

    /** N(loc, scale²) with a constant scale. */
    public static Normal of(Tensor loc, double scale) {
        return new Normal(loc, loc.ops().scalar(scale, loc.dtype()));
    }

    public Tensor loc() {
        return a;
    }

    public Tensor scale() {
        return b;
    }

    /**
     * The scale as it was given, before broadcasting to the distribution's shape: a scalar, or a tensor whose shape
     * broadcasts against it (e.g. [D] for one scale per element shared by every sample of a batch).
     */
    public Tensor scaleAsGiven() {
        return givenScale;
    }

    @Override
    public Tensor sample(Tensor seed) {
        return a.add(ops().randomNormal(shape(), dtype(), seed).mul(givenScale));
    }

    @Override
    public Tensor logProb(Tensor x) {
        Tensor z = x.sub(a).div(givenScale);
        return z.square().mul(-0.5).sub(givenScale.log()).sub(HALF_LOG_2PI);
    }

    @Override
    public boolean reparameterized() {
        return true;
    }

    @Override
    public Support support() {
        return Support.REAL;
    }

    @Override
    public Tensor mean() {
        return a;
    }

    @Override
    public int statisticCount() {
        return 2;
    }

    @Override
    public Tensor naturalParameters() {
        java.util.List<Tensor> parts = naturalParameterParts();
        return pair(parts.get(0), parts.get(1));
    }

    @Override
    public java.util.List<Tensor> naturalParameterParts() {
        Tensor precision = givenScale.square().reciprocal();
        return java.util.List.of(full(a.mul(precision)), precision.mul(-0.5));
    }

    @Override
    public java.util.List<Tensor> sufficientStatisticParts(Tensor x) {
        return java.util.List.of(x, x.square());
    }

    @Override
    public Tensor logNormalizer() {
        return a.square().div(givenScale.square().mul(2.0)).add(givenScale.log());
    }

    @Override
    public Tensor sufficientStatistics(Tensor x) {
        return x.ops().stack(-1, sufficientStatisticParts(x));
    }

    @Override
    public Tensor logBaseMeasure(Tensor x) {
        return x.ops().fill(x.shape(), -HALF_LOG_2PI).cast(x.dtype());
    }
}
