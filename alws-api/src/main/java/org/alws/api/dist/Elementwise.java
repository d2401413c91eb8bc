package org.alws.api.dist;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/** Shared plumbing of the two-parameter elementwise distributions: broadcasting and type checks. */
abstract class Elementwise implements Distribution {
    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Smallest uniform draw used where a log of it is taken. */
    static final double TINY = 1e-7;

    protected final Tensor a;
    protected final Tensor b;
    private final Shape shape;

    Elementwise(String first, Tensor a, String second, Tensor b) {
        if (!a.dtype().isFloating() || a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + first + " and " + second
                    + " must be floating tensors of one type, got " + a.dtype() + " and " + b.dtype());
        }
        this.shape = Shape.broadcast(a.shape(), b.shape());
        this.a = a.broadcastTo(shape);
        this.b = b.broadcastTo(shape);
    }

    final TensorOps ops() {
        return a.ops();
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return a.dtype();
    }

    /** Uniform draws on [TINY, 1), safe to take logs of. */
    final Tensor uniform(Tensor seed) {
        return ops().randomUniform(shape, dtype(), seed).maximum(TINY);
    }

    /** {@code t} broadcast to this distribution's shape. */
    final Tensor full(Tensor t) {
        return t.shape().equals(shape) ? t : t.broadcastTo(shape);
    }

    /** Stacks two tensors of this distribution's shape along a new last axis. */
    final Tensor pair(Tensor first, Tensor second) {
        return ops().stack(-1, java.util.List.of(full(first), full(second)));
    }

    @Override
    public String toString() {
        return name() + shape;
    }
}
