package org.alws.models.pinwheel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.config.Check;

/**
 * The pinwheel distribution in 2-D (Johnson et al., 2016), with its exact density. A draw picks an arm k uniformly
 * among K, draws f = (r, t) with r ~ N(1, σ_r²) (radial) and t ~ N(0, σ_t²) (tangential), and rotates f
 * counter-clockwise by the angle α = 2πk/K + ρ·exp(r), so that points further out are turned further and the arms
 * bend:
 *
 * <pre>
 *   x = R(α) f,   R(α) = [[cos α, −sin α], [sin α, cos α]].
 * </pre>
 *
 * The arms are images of each other under rotation by 2π/K, so the distribution's mean is 0.
 *
 * <p><b>Density.</b> Write f in polar form, f = ‖x‖(cos β, sin β) (a rotation keeps the norm); then x's polar angle
 * is φ = β + α(β) with α(β) = 2πk/K + ρ·exp(‖x‖cos β). For each arm the preimages of x are the roots of
 * h(β) = β + ρ·exp(‖x‖cos β) + 2πk/K − φ ≡ 0 (mod 2π) on (−π, π], and by the change of variables through polar
 * coordinates (the area elements ‖x‖d‖x‖dφ and ‖f‖d‖f‖dβ, with ∂φ/∂β = h'(β) = 1 − ρ·t·exp(r) at fixed ‖x‖)
 *
 * <pre>
 *   p(x) = (1/K) Σ_k Σ_{roots β} N(r; 1, σ_r²) N(t; 0, σ_t²) / |1 − ρ·t·exp(r)|,   (r, t) = ‖x‖(cos β, sin β).
 * </pre>
 *
 * The roots are bracketed on a grid of {@value #GRID} angles (h rises by exactly 2π over a turn, so there is at least
 * one per arm) and refined by bisection to 1e-13; a root between two grid points that leaves h on the same side of a
 * level at both (a tangency, or two roots closer than 2π/{@value #GRID}) is missed, which happens only where h' ≈ 0
 * and the density is not finite anyway.
 *
 * @param arms K, the number of arms
 * @param radialStd σ_r, the standard deviation along an arm (of r around 1)
 * @param tangentialStd σ_t, the standard deviation across an arm
 * @param rate ρ, how fast the arms turn with exp(r)
 */
public record Pinwheel(int arms, double radialStd, double tangentialStd, double rate) {
    /** Grid points per turn on which the roots of h are bracketed. */
    static final int GRID = 512;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double[] BETAS = new double[GRID + 1];
    private static final double[] COSINES = new double[GRID + 1];

    static {
        for (int g = 0; g <= GRID; g++) {
            BETAS[g] = -Math.PI + 2 * Math.PI * g / GRID;
            COSINES[g] = Math.cos(BETAS[g]);
        }
    }

    /** Validates. */
    public Pinwheel {
        Check.atLeast("arms", arms, 1);
        Check.positive("radialStd", radialStd);
        Check.positive("tangentialStd", tangentialStd);
        Check.nonNegative("rate", rate);
    }

    /**
     * {@code n} draws as rows [x₀, x₁] of a row-major n×2 array. Each draw takes, in order, one uniform (its arm)
     * and two standard normals (r, then t) from {@code random}.
     */
    public double[] sample(int n, SplittableRandom random) {
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(arms);
            double r = 1 + radialStd * random.nextGaussian();
            double t = tangentialStd * random.nextGaussian();
            double alpha = 2 * Math.PI * k / arms + rate * Math.exp(r);
            double c = Math.cos(alpha);
            double s = Math.sin(alpha);
            out[2 * i] = c * r - s * t;
            out[2 * i + 1] = s * r + c * t;
        }
        return out;
    }

    /** log p(x) at the point (x0, x1). */
    public double logDensity(double x0, double x1) {
        double norm = Math.hypot(x0, x1);
        double phi = Math.atan2(x1, x0);
        double[] turn = turn(norm);
        double total = 0;
        for (int k = 0; k < arms; k++) {
            for (double beta : preimageAngles(norm, phi, k, turn)) {
                double r = norm * Math.cos(beta);
                double t = norm * Math.sin(beta);
                double jacobian = Math.abs(1 - rate * t * Math.exp(r));
                double log = -LOG_2PI - Math.log(radialStd * tangentialStd)
                        - 0.5 * Math.pow((r - 1) / radialStd, 2) - 0.5 * Math.pow(t / tangentialStd, 2);
                total += Math.exp(log) / jacobian;
            }
        }
        return Math.log(total / arms);
    }

    /** log p(x) for every row of a row-major n×2 array. */
    public double[] logDensity(double[] points) {
        double[] out = new double[points.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = logDensity(points[2 * i], points[2 * i + 1]);
        }
        return out;
    }

    /** β + ρ·exp(norm·cos β) on the grid of β, shared by the arms (which differ only by a constant). */
    private double[] turn(double norm) {
        double[] out = new double[GRID + 1];
        for (int g = 0; g <= GRID; g++) {
            out[g] = BETAS[g] + rate * Math.exp(norm * COSINES[g]);
        }
        return out;
    }

    /** The angles β of the preimages under arm {@code k} of the point with norm {@code norm} and polar angle φ. */
    List<Double> preimageAngles(double norm, double phi, int k) {
        return preimageAngles(norm, phi, k, turn(norm));
    }

    private List<Double> preimageAngles(double norm, double phi, int k, double[] turn) {
        List<Double> roots = new ArrayList<>();
        double offset = 2 * Math.PI * k / arms - phi;
        for (int g = 1; g <= GRID; g++) {
            double previous = turn[g - 1] + offset;
            double value = turn[g] + offset;
            double lo = Math.min(previous, value);
            double hi = Math.max(previous, value);
            // Every level 2πm strictly above the lower end and at or below the upper end is crossed once.
            for (long m = (long) Math.floor(lo / (2 * Math.PI)) + 1; 2 * Math.PI * m <= hi; m++) {
                roots.add(bisect(BETAS[g - 1], BETAS[g], norm, offset - 2 * Math.PI * m, previous < value));
            }
        }
        return roots;
    }

    private double h(double beta, double norm, double offset) {
        return beta + rate * Math.exp(norm * Math.cos(beta)) + offset;
    }

    /** The root of h(β) + shift in [lo, hi], where it rises (or falls) through zero. */
    private double bisect(double lo, double hi, double norm, double shiftedOffset, boolean rising) {
        for (int i = 0; i < 100 && hi - lo > 1e-13; i++) {
            double mid = 0.5 * (lo + hi);
            boolean below = h(mid, norm, shiftedOffset) < 0;
            if (below == rising) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
