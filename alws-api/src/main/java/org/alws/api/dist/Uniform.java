package org.alws.api.dist;

import org.alws.api.tensor.Tensor;

/** The uniform distribution on [low, high), elementwise. Reparameterised. The log-density is -inf outside. */
public final class Uniform extends Elementwise {

    private Uniform(Tensor low, Tensor high) {
        super("low", low, "high", high);
    }

    public static Uniform of(Tensor low, Tensor high) {
        return new Uniform(low, high);
    }

    public Tensor low() {
        return a;
    }

    public Tensor high() {
        return b;
    }

    @Override
    public Tensor sample(Tensor seed) {
        return a.add(b.sub(a).mul(ops().randomUniform(shape(), dtype(), seed)));
    }

    @Override
    public Tensor logProb(Tensor x) {
        Tensor inside = ops().binary(org.alws.api.tensor.BinaryOp.AND,
                ops().binary(org.alws.api.tensor.BinaryOp.GREATER_EQUAL, x, a), x.lt(b));
        Tensor density = b.sub(a).log().neg();
        return ops().where(inside, density, ops().fill(shape(), Double.NEGATIVE_INFINITY).cast(dtype()));
    }

    @Override
    public boolean reparameterized() {
        return true;
    }

    @Override
    public Support support() {
        return Support.INTERVAL;
    }

    @Override
    public Tensor mean() {
        return a.add(b).mul(0.5);
    }
}
