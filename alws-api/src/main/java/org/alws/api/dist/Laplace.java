package org.alws.api.dist;

import org.alws.api.tensor.Tensor;

/** The Laplace distribution with density exp(-|x - loc| / scale) / (2 scale), elementwise. Reparameterised. */
public final class Laplace extends Elementwise {

    private Laplace(Tensor loc, Tensor scale) {
        super("loc", loc, "scale", scale);
    }

    public static Laplace of(Tensor loc, Tensor scale) {
        return new Laplace(loc, scale);
    }

    public Tensor loc() {
        return a;
    }

    public Tensor scale() {
        return b;
    }

    @Override
    public Tensor sample(Tensor seed) {
        // Inverse CDF with u uniform on (-1/2, 1/2).
        Tensor u = uniform(seed).sub(0.5);
        return a.sub(b.mul(u.sign()).mul(u.abs().mul(-2.0).log1p()));
    }

    @Override
    public Tensor logProb(Tensor x) {
        return x.sub(a).abs().div(b).neg().sub(b.mul(2.0).log());
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
}
