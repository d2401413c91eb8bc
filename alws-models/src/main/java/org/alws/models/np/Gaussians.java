package org.alws.models.np;

import java.util.SplittableRandom;

/** Host-side standard normal draws and distribution function, for the data, the metric's draws and the figure. */
final class Gaussians {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private Gaussians() {
    }

    /** A standard normal draw (Box–Muller on two uniforms, the first on the open interval (0, 1)). */
    static double draw(SplittableRandom random) {
        double u = ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** {@code count} standard normal draws, in order. */
    static double[] draws(SplittableRandom random, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = draw(random);
        }
        return out;
    }

    /** Φ(x), the standard normal distribution function, to about 1e-7. */
    static double cdf(double x) {
        double e = erf(Math.abs(x) * SQRT_HALF);
        return x >= 0 ? 0.5 * (1 + e) : 0.5 * (1 - e);
    }

    /** erf(x) for x ≥ 0 by Abramowitz and Stegun's rational approximation 7.1.26 (absolute error below 1.5e-7). */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429))));
        return 1 - poly * Math.exp(-x * x);
    }
}
