package org.alws.tensorflow;

/**
 * Independent plain-Java special functions used as references by the tests: log-gamma (Lanczos, g = 7, nine
 * terms, relative error about 1e-15 on the positive axis; reflection below 1/2), erf (Maclaurin series, for
 * |x| &lt;= 3 only, absolute error below 1e-13), digamma and trigamma (upward recurrence to x &gt;= 10, then the
 * asymptotic series).
 */
final class SpecialFunctions {
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};

    private SpecialFunctions() {
    }

    /** log |Γ(x)|. */
    static double lgamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** The error function on [-3, 3] by its Maclaurin series. */
    static double erf(double x) {
        if (Math.abs(x) > 3) {
            throw new IllegalArgumentException("reference erf is only accurate on [-3, 3]");
        }
        double term = x;
        double sum = x;
        for (int n = 0; n < 200; n++) {
            term *= -x * x / (n + 1);
            double add = term / (2 * n + 3);
            sum += add;
            if (Math.abs(add) < 1e-18) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** ψ(x) for x &gt; 0. */
    static double digamma(double x) {
        double acc = 0;
        while (x < 10) {
            acc -= 1 / x;
            x += 1;
        }
        double x2 = 1 / (x * x);
        return acc + Math.log(x) - 0.5 / x
                - x2 * (1.0 / 12 - x2 * (1.0 / 120 - x2 * (1.0 / 252 - x2 * (1.0 / 240 - x2 * (1.0 / 132)))));
    }

    /** ψ'(x) for x &gt; 0. */
    static double trigamma(double x) {
        double acc = 0;
        while (x < 10) {
            acc += 1 / (x * x);
            x += 1;
        }
        double x2 = 1 / (x * x);
        return acc + 1 / x + x2 / 2
                + x2 / x * (1.0 / 6 - x2 * (1.0 / 30 - x2 * (1.0 / 42 - x2 * (1.0 / 30))));
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
