package org.alws.api.model;

import java.util.SplittableRandom;
import org.alws.api.tensor.Shape;

/**
 * Initial values of a parameter, drawn on the host from a generator that is a pure function of the run's seed and
 * the parameter's name, so initialisation does not depend on the order parameters are created in.
 */
@FunctionalInterface
public interface Initializer {

    /** Row-major initial values for a parameter of the given shape. */
    double[] values(Shape shape, SplittableRandom random);

    static Initializer zeros() {
        return (shape, random) -> new double[shape.intSize()];
    }

    static Initializer constant(double value) {
        return (shape, random) -> {
            double[] v = new double[shape.intSize()];
            java.util.Arrays.fill(v, value);
            return v;
        };
    }

    /** Exactly these values (their count must match the shape). */
    static Initializer values(double... values) {
        double[] copy = values.clone();
        return (shape, random) -> {
            if (shape.size() != copy.length) {
                throw new IllegalArgumentException(
                        "initial values: " + copy.length + " given for a parameter of shape " + shape);
            }
            return copy.clone();
        };
    }

    /** Independent N(0, std²) draws. */
    static Initializer normal(double std) {
        return (shape, random) -> {
            double[] v = new double[shape.intSize()];
            for (int i = 0; i < v.length; i++) {
                v[i] = std * gaussian(random);
            }
            return v;
        };
    }

    /** Independent uniform draws on [low, high). */
    static Initializer uniform(double low, double high) {
        return (shape, random) -> {
            double[] v = new double[shape.intSize()];
            for (int i = 0; i < v.length; i++) {
                v[i] = low + (high - low) * random.nextDouble();
            }
            return v;
        };
    }

    /**
     * Glorot (Xavier) uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)), where the fans are the last two
     * dimensions (times the receptive field for convolution filters [h, w, in, out]).
     */
    static Initializer glorotUniform() {
        return (shape, random) -> {
            long fanIn;
            long fanOut;
            if (shape.rank() < 2) {
                fanIn = shape.rank() == 0 ? 1 : shape.dim(0);
                fanOut = fanIn;
            } else {
                long receptive = shape.head(shape.rank() - 2).size();
                fanIn = shape.dim(-2) * receptive;
                fanOut = shape.dim(-1) * receptive;
            }
            double a = Math.sqrt(6.0 / (fanIn + fanOut));
            return uniform(-a, a).values(shape, random);
        };
    }

    /** A standard normal draw by the Box-Muller transform. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
