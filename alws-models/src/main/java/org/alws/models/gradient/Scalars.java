package org.alws.models.gradient;

/** Numerically stable scalar functions shared by the host-side numerics of this package. */
final class Scalars {
    private Scalars() {
    }

    /** log(1 + e^t), without overflow for large t and without loss for very negative t. */
    static double softplus(double t) {
        return Math.max(t, 0.0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    /** 1 / (1 + e^-t). */
    static double sigmoid(double t) {
        if (t >= 0) {
            return 1.0 / (1.0 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    /** The inverse of softplus, log(e^y − 1), for y &gt; 0. */
    static double softplusInverse(double y) {
        return y + Math.log(-Math.expm1(-y));
    }

    /** softplus(a) − softplus(b), without the cancellation of subtracting two large values. */
    static double softplusDifference(double a, double b) {
        return (Math.max(a, 0.0) - Math.max(b, 0.0))
                + (Math.log1p(Math.exp(-Math.abs(a))) - Math.log1p(Math.exp(-Math.abs(b))));
    }
}
