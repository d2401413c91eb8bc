package org.alws.models.gradient;

import java.util.ArrayList;
import java.util.List;
import org.alws.api.NumericalException;
import org.alws.api.config.Check;

/**
 * The exact marginal p_b(x) of the gradient-estimation model and its score ∇_b log p_b(x), by quadrature.
 *
 * <p>The model is z ~ N(0, I₂), x | z ~ N(softplus(b·z) − ‖b‖², σ²). Rotating to u = b·z/‖b‖ and v orthogonal to
 * it (independent standard normals), x depends on z only through u, so with r = ‖b‖
 *
 * <pre>
 *   p(x) = ∫ φ(u) N(x; softplus(r u) − r², σ²) du          (the v integral is exactly 1)
 *   ∇_b log p(x) = E_{p(z|x)}[(x − μ)/σ² (sigmoid(b·z) z − 2b)] = (b/r) E_{p(u|x)}[(x − μ)/σ² (sigmoid(r u) u − 2r)]
 * </pre>
 *
 * where the component along v vanishes exactly because v is independent of (u, x) with mean zero. The score is thus
 * radial: log p depends on b only through r.
 *
 * <p>No quadrature over v is needed (a Gauss–Hermite rule in v would be exact with a single node). The remaining
 * 1-D integrals are computed with adaptive Gauss–Kronrod quadrature in log-scaled form, relative to the integrand's
 * maximum, so that densities far in the tails (log p ≈ −10⁵) are as accurate as central ones. The integrand is first
 * located: all its stationary points lie between 0 and the centre of the likelihood ridge
 * u₀ = softplus⁻¹(x + r²)/r, which is scanned at a step of σ/(4r), finer than the narrowest feature (the ridge, of
 * width ≈ σ/(r sigmoid(r u₀))); the initial partition is then graded geometrically around every local maximum, the
 * ridge and the prior's mode, and bisected adaptively to an estimated relative error of 1e-12 (or a small margin
 * above the integrand's rounding noise, ε|log-integrand|, far in the tails). The integrand is folded onto u ≥ 0 (u
 * and −u together), using softplus(t) − softplus(−t) = t to write the score integrand without cancellation, so that
 * the score stays accurate in relative terms as ‖b‖ → 0, where it vanishes like b (at b = 0 exactly it is 0 and
 * p(x) = N(x; log 2, σ²)).
 *
 * <p>Measured against 40-digit mpmath quadrature (σ_x from 0.1 to 1, x far into both tails, ‖b‖ from 2e-6 to 4.2):
 * log p within 1e-14 relative, the score within 6e-14 relative. A typical evaluation takes 0.05–0.5 ms.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GradientEstimationMarginal {
    /** Integrand values below e^-CUT times the maximum are negligible (e^-60 ≈ 1e-26). */
    private static final double CUT = 60.0;
    private static final double TOLERANCE = 1e-12;
    /** Accepted error estimate when the panel budget runs out before TOLERANCE is reached. */
    private static final double FALLBACK_TOLERANCE = 1e-9;
    private static final int MAX_PANELS = 4000;
    /** Tolerance floor in units of the integrand's rounding noise, ε (1 + |log-integrand at its maximum|). */
    private static final double NOISE_MARGIN = 64.0;
    private static final long MAX_SCAN = 4_000_000L;
    private static final int MAX_CENTRES = 16;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double b1;
    private final double b2;
    private final double r;
    private final double r2;
    private final double sigma;
    private final double s2;

    /**
     * @param b the parameter (2 finite numbers)
     * @param sigmaX the observation noise standard deviation (&gt; 0)
     */
    public GradientEstimationMarginal(double[] b, double sigmaX) {
        double[] v = Check.finiteVector("b", b, 2);
        this.sigma = Check.positive("sigmaX", sigmaX);
        this.b1 = v[0];
        this.b2 = v[1];
        this.r = Math.hypot(b1, b2);
        this.r2 = r * r;
        this.s2 = sigma * sigma;
    }

    /** log p(x) and ∇_b log p(x) at one point. */
    public record Evaluation(double logDensity, double[] score) {
        /** Copies the score. */
        public Evaluation {
            score = score.clone();
        }

        @Override
        public double[] score() {
            return score.clone();
        }
    }

    /** ‖b‖. */
    public double radius() {
        return r;
    }

    /** σ_x. */
    public double sigmaX() {
        return sigma;
    }

    /** log p(x). */
    public double logDensity(double x) {
        return evaluate(x).logDensity();
    }

    /** ∇_b log p(x), a vector of 2. */
    public double[] score(double x) {
        return evaluate(x).score();
    }

    /**
     * log p(x) and its gradient with respect to b, from one quadrature.
     *
     * @throws NumericalException if x is not finite or the quadrature cannot reach its accuracy
     */
    public Evaluation evaluate(double x) {
        if (!Double.isFinite(x)) {
            throw new NumericalException("gradient-estimation marginal: x is " + x + "; expected a finite number");
        }
        if (r == 0.0) {
            double d = x - Math.log(2.0);
            return new Evaluation(-0.5 * LOG_2PI - Math.log(sigma) - d * d / (2 * s2), new double[2]);
        }
        Layout layout = locate(x);
        double lStar = layout.logMax;
        double uRef = layout.reference;
        // The log-integrand sums terms of size |lStar|, so the integrand carries relative rounding noise of about
        // ε|lStar| (far in the tails |lStar| reaches 1e6): ask for no more than a margin above that noise.
        double noise = NOISE_MARGIN * Math.ulp(1.0) * (1.0 + Math.abs(lStar));
        double tolerance = Math.max(TOLERANCE, noise);
        double fallback = Math.max(FALLBACK_TOLERANCE, 10 * noise);
        GaussKronrod.Result res = GaussKronrod.integrate((u, out) -> folded(x, uRef, u, out), 3,
                layout.breakpoints, new int[] {0, 2, 2}, tolerance, MAX_PANELS);
        double[] v = res.values();
        double[] e = res.errors();
        if (!res.converged() && (e[0] > fallback * v[0] || e[1] > fallback * v[2])) {
            throw new NumericalException("gradient-estimation marginal at x=" + x + ", b=(" + b1 + ", " + b2
                    + "), sigmaX=" + sigma + ": quadrature error estimate " + Math.max(e[0] / v[0], e[1] / v[2])
                    + " after " + res.panels() + " panels; expected below " + fallback);
        }
        if (!(v[0] > 0) || !Double.isFinite(v[0])) {
            throw new NumericalException("gradient-estimation marginal at x=" + x + ": integral is " + v[0]
                    + "; expected a positive finite number");
        }
        double logDensity = lStar + Math.log(v[0]) - LOG_2PI - Math.log(sigma);
        double radial = v[1] / (s2 * r * v[0]); // (1/r) d/dr log p(x)
        return new Evaluation(logDensity, new double[] {b1 * radial, b2 * radial});
    }

    /** E[x] = E[softplus(r u)] − r², by quadrature. */
    public double mean() {
        return moments()[0];
    }

    /** E[x²] = E[(softplus(r u) − r²)²] + σ², by quadrature. */
    public double secondMoment() {
        return moments()[1] + s2;
    }

    /** Var[x]. */
    public double variance() {
        double[] m = moments();
        return m[1] - m[0] * m[0] + s2;
    }

    /** E[μ(u)] and E[μ(u)²] under u ~ N(0, 1), where μ(u) = softplus(r u) − r². */
    private double[] moments() {
        double width = Math.min(1.0, r > 0 ? 1.0 / r : 1.0);
        List<Double> points = new ArrayList<>();
        GaussKronrod.addGraded(points, 0.0, width, 40.0);
        double[] bp = GaussKronrod.breakpoints(points, -40.0, 40.0);
        double norm = 1.0 / Math.sqrt(2 * Math.PI);
        GaussKronrod.Result res = GaussKronrod.integrate((u, out) -> {
            double phi = norm * Math.exp(-0.5 * u * u);
            double m = Scalars.softplus(r * u) - r2;
            out[0] = phi * m;
            out[1] = phi * m * m;
            out[2] = phi * Math.abs(m);
        }, 3, bp, new int[] {2, 1, 2}, TOLERANCE, MAX_PANELS);
        return res.values();
    }

    /** log of the unnormalised integrand: log φ(u) + log N(x; μ(u), σ²) up to constants. */
    private double logIntegrand(double x, double u) {
        double e = x + r2 - Scalars.softplus(r * u);
        return -0.5 * u * u - e * e / (2 * s2);
    }

    /** The second derivative of {@link #logIntegrand} in u. */
    private double logIntegrandCurvature(double x, double u) {
        double s = Scalars.sigmoid(r * u);
        double m1 = r * s;
        double m2 = r2 * s * (1 - s);
        double e = x + r2 - Scalars.softplus(r * u);
        return -1.0 - (m1 * m1 - e * m2) / s2;
    }

    /**
     * logIntegrand(u) − logIntegrand(uRef), written as differences of squares so that it is accurate in absolute
     * terms even where both are huge (x far in the tails, where log p ≈ −10⁵ and a direct subtraction would leave
     * noise of 1e-11 in the integrand).
     */
    private double logIntegrandRelative(double x, double uRef, double u) {
        double spRef = Scalars.softplus(r * uRef);
        double sp = Scalars.softplus(r * u);
        double eRef = x + r2 - spRef;
        double e = x + r2 - sp;
        double de = Scalars.softplusDifference(r * uRef, r * u); // e − eRef
        return -0.5 * (u - uRef) * (u + uRef) - de * (e + eRef) / (2 * s2);
    }

    /**
     * The integrands folded onto u ≥ 0: out[0] = f(u) + f(−u), out[1] = σ²[f h](u) + σ²[f h](−u), out[2] = |out[1]|,
     * where f = exp(logIntegrand − logIntegrand(uRef)) and h = (x − μ)/σ² (sigmoid(r u) u − 2r). The difference
     * terms are written through half-sums and half-differences that are each computed to full relative accuracy.
     */
    private void folded(double x, double uRef, double u, double[] out) {
        double ru = r * u;
        double spPlus = Scalars.softplus(ru);
        double spMinus = Scalars.softplus(-ru);
        double eBar = x + r2 - 0.5 * (spPlus + spMinus);
        double lPlus = logIntegrandRelative(x, uRef, u);
        double lMinus = logIntegrandRelative(x, uRef, -u);
        double fPlus = Math.exp(lPlus);
        double fMinus = Math.exp(lMinus);
        double fBar = 0.5 * (fPlus + fMinus);
        double delta = ru * eBar / s2; // lPlus − lMinus, without cancellation
        double df = Math.abs(delta) < 1.0 ? Math.exp(0.5 * (lPlus + lMinus)) * Math.sinh(0.5 * delta)
                : 0.5 * (fPlus - fMinus);
        double de = -0.5 * ru; // (ePlus − eMinus)/2
        double ds = 0.5 * Math.tanh(0.5 * ru); // (sigmoid(ru) − sigmoid(−ru))/2
        // (f e s)(u) − (f e s)(−u), each factor split into its half-sum and half-difference (s's half-sum is 1/2):
        double odd = df * eBar + fBar * de + 2 * fBar * eBar * ds + 2 * df * de * ds;
        // (f e)(u) + (f e)(−u):
        double even = 2 * (fBar * eBar + df * de);
        double g = u * odd - 2 * r * even;
        out[0] = 2 * fBar;
        out[1] = g;
        out[2] = Math.abs(g);
    }

    /** Where the integrand lives for this x: its log-maximum and an initial partition of [0, U]. */
    private record Layout(double logMax, double reference, double[] breakpoints) {
    }

    private Layout locate(double x) {
        boolean ridge = x + r2 > 0;
        double u0 = ridge ? Scalars.softplusInverse(x + r2) / r : Double.NaN;
        // A lower bound of the maximum: since logIntegrand(u) <= -u²/2, only |u| <= uMax can matter.
        double lower = logIntegrand(x, 0.0);
        double reference = 0.0;
        List<Double> probes = new ArrayList<>();
        if (ridge && Double.isFinite(u0)) {
            probes.add(u0);
        }
        for (double t = 1; t <= 64; t *= 2) {
            probes.add(t);
            probes.add(-t);
        }
        for (double t : probes) {
            double l = logIntegrand(x, t);
            if (l > lower) {
                lower = l;
                reference = t;
            }
        }
        double uMax = Math.sqrt(2 * (CUT - lower));
        // Every stationary point lies in [lo, hi]; outside it the integrand is monotone.
        double lo;
        double hi;
        if (ridge) {
            lo = Math.min(0.0, u0);
            hi = Math.max(0.0, u0);
        } else {
            // x − μ < 0 everywhere; for u <= −t, d/du logIntegrand >= t − c r e^{−r t}/σ² > 0 once t is large enough.
            double c = 1.0 + Math.abs(x + r2);
            double t = 1.0;
            while (t <= c * r * Math.exp(-r * t) / s2) {
                t *= 2;
            }
            lo = -t;
            hi = 0.0;
        }
        lo = Math.max(lo, -uMax);
        hi = Math.min(hi, uMax);
        double step = Math.min(0.25, sigma / (4 * r));
        double span = hi - lo;
        long n = span > 0 ? (long) Math.ceil(span / step) + 1 : 1;
        if (n > MAX_SCAN) {
            throw new NumericalException("gradient-estimation marginal at x=" + x + ", b=(" + b1 + ", " + b2
                    + "), sigmaX=" + sigma + ": locating the integrand needs " + n + " evaluations; expected at most "
                    + MAX_SCAN);
        }
        double[] us = new double[(int) n];
        double[] ls = new double[(int) n];
        double logMax = lower;
        for (int i = 0; i < n; i++) {
            us[i] = n == 1 ? lo : lo + span * i / (n - 1);
            ls[i] = logIntegrand(x, us[i]);
            if (ls[i] > logMax) {
                logMax = ls[i];
                reference = us[i];
            }
        }
        // Local maxima of the scan that are not negligible, highest first.
        List<double[]> centres = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean left = i == 0 || ls[i] >= ls[i - 1];
            boolean right = i == n - 1 || ls[i] >= ls[i + 1];
            if (left && right && ls[i] >= logMax - CUT) {
                centres.add(new double[] {us[i], ls[i]});
            }
        }
        centres.sort((p, q) -> Double.compare(q[1], p[1]));
        double bound = Math.sqrt(2 * (CUT - logMax));
        List<Double> points = new ArrayList<>();
        GaussKronrod.addGraded(points, 0.0, Math.min(1.0, 1.0 / r), bound);
        if (ridge && Math.abs(u0) < bound) {
            double slope = -Math.expm1(-(x + r2)); // sigmoid(r u0)
            GaussKronrod.addGraded(points, Math.abs(u0), Math.min(1.0, sigma / (r * slope)), bound);
        }
        for (int i = 0; i < Math.min(MAX_CENTRES, centres.size()); i++) {
            double u = centres.get(i)[0];
            double curvature = logIntegrandCurvature(x, u);
            double width = curvature < 0 ? 1.0 / Math.sqrt(-curvature) : 1.0;
            GaussKronrod.addGraded(points, Math.abs(u), Math.max(step, Math.min(1.0, width)), bound);
        }
        return new Layout(logMax, reference, GaussKronrod.breakpoints(points, 0.0, bound));
    }
}
