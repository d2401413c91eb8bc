package org.alws.models.blowfly;

import org.alws.api.dist.Distribution;
import org.alws.api.dist.Gamma;
import org.alws.api.dist.Support;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A {@link Gamma} whose draws are raised to at least the smallest normal number of their type. With a small shape
 * (a large noise scale) a gamma sampler returns exact zeros in float32, whose log-density is infinite; the floor keeps
 * every draw inside the support and changes nothing else. Scores are the gamma's.
 */
final class FlooredGamma implements Distribution {
    private final Gamma gamma;

    FlooredGamma(Tensor concentration, Tensor rate) {
        this.gamma = Gamma.of(concentration, rate);
    }

    @Override
    public Shape shape() {
        return gamma.shape();
    }

    @Override
    public DType dtype() {
        return gamma.dtype();
    }

    @Override
    public Tensor sample(Tensor seed) {
        double floor = dtype() == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        return gamma.sample(seed).maximum(floor);
    }

    @Override
    public Tensor logProb(Tensor value) {
        return gamma.logProb(value);
    }

    @Override
    public boolean reparameterized() {
        return gamma.reparameterized();
    }

    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    @Override
    public Tensor mean() {
        return gamma.mean();
    }

    @Override
    public String name() {
        return "Gamma";
    }
}
