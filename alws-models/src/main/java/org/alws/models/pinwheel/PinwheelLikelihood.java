package org.alws.models.pinwheel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.config.Check;

/**
 * An importance-sampling estimate of the marginal likelihood of a hierarchical model with a discrete component, a
 * continuous latent and a Gaussian observation:
 *
 * <pre>
 *   p(x) = Σ_c π_c ∫ N(y; μ_c, diag s_c²) N(x; f(y), diag σ²) dy,
 * </pre>
 *
 * for y in L dimensions, x in D dimensions and any mean function f. The component is summed out exactly: the
 * integrand's prior factor is the mixture density p(y) = Σ_c π_c N(y; μ_c, diag s_c²). Only y is sampled, from a
 * defensive mixture of Laplace approximations of the posterior p(y | x):
 *
 * <ol>
 *   <li>the modes: damped Gauss–Newton ascent of ℓ(y) = log p(y) + log p(x | y) (f's Jacobian by central
 *       differences, the prior's curvature as Σ_c r_c(y) diag(1/s_c²) with the responsibilities r_c) from each
 *       component's mean and from the {@value #STARTS} best of max(1, S/4) prior draws; modes closer than half a
 *       standard deviation are merged;
 *   <li>the proposal q(y) = ¼ p(y) + ¾ Σ_j ω_j N(y; m_j, 1.5² H_j⁻¹), with H_j the Gauss–Newton precision at mode
 *       m_j and ω_j half its share of the modes' Laplace evidence exp(ℓ(m_j)) |H_j / 2π|^{−1/2}, half uniform;
 *   <li>the estimate log (1/S) Σ_s p(y_s) p(x | y_s) / q(y_s) from S draws of q, stratified: round(S/4) from the
 *       prior and the rest from the Laplace mixture.
 * </ol>
 *
 * Every weight is at most 4·max_y p(x | y), so the estimate of p(x) is unbiased with finite variance whatever the
 * posterior's shape; its log is biased low by about half the relative variance of the weights' mean. The pilot
 * draws only choose starting points.
 */
public final class PinwheelLikelihood {
    /** Pilot draws kept as starting points of the mode search. */
    static final int STARTS = 8;
    /** Gauss–Newton iterations per start at most. */
    static final int ITERATIONS = 50;
    /** The prior's share of the proposal. */
    static final double PRIOR_SHARE = 0.25;
    /** The factor the Laplace approximations' standard deviations are widened by. */
    static final double WIDEN = 1.5;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** A mean function f: R^L → R^D, writing f(y) into {@code out}. */
    @FunctionalInterface
    public interface MeanFunction {
        /** Writes f(y) into {@code out}. */
        void apply(double[] y, double[] out);
    }

    private final double[] logWeights;
    private final double[] means;
    private final double[] scales;
    private final MeanFunction f;
    private final double[] noise;
    private final int samples;
    private final int components;
    private final int latent;
    private final int dimension;

    /**
     * @param weights π, the K components' probabilities (non-negative, not all zero; normalised here)
     * @param means μ, K×L row-major
     * @param scales s, K×L row-major, positive
     * @param f the mean function
     * @param noise σ, the D observation standard deviations, positive
     * @param samples S, the final importance samples per point (&gt;= 1)
     */
    public PinwheelLikelihood(double[] weights, double[] means, double[] scales, MeanFunction f, double[] noise,
            int samples) {
        this.components = weights.length;
        if (components == 0 || means.length % components != 0 || means.length == 0
                || scales.length != means.length) {
            throw new IllegalArgumentException("pinwheel likelihood: got " + components + " weights, "
                    + means.length + " means and " + scales.length + " scales, expected K >= 1 weights and K x L "
                    + "means and scales");
        }
        this.latent = means.length / components;
        this.dimension = noise.length;
        double total = 0;
        for (double w : weights) {
            total += Check.nonNegative("weights", w);
        }
        Check.positive("the weights' sum", total);
        this.logWeights = new double[components];
        for (int k = 0; k < components; k++) {
            logWeights[k] = Math.log(weights[k] / total);
        }
        for (double s : scales) {
            Check.positive("scales", s);
        }
        for (double s : noise) {
            Check.positive("noise", s);
        }
        this.means = means.clone();
        this.scales = scales.clone();
        this.f = f;
        this.noise = noise.clone();
        this.samples = Check.atLeast("samples", samples, 1);
    }

    /** The estimate of log p(x) for every row of a row-major M×D array. */
    public double[] logLikelihoods(double[] points, SplittableRandom random) {
        if (points.length % dimension != 0) {
            throw new IllegalArgumentException("pinwheel likelihood: got " + points.length + " values, expected "
                    + "rows of " + dimension);
        }
        double[] out = new double[points.length / dimension];
        double[] x = new double[dimension];
        for (int m = 0; m < out.length; m++) {
            System.arraycopy(points, m * dimension, x, 0, dimension);
            out[m] = logLikelihood(x, random);
        }
        return out;
    }

    /** The mean of {@link #logLikelihoods} over the rows. */
    public double meanLogLikelihood(double[] points, SplittableRandom random) {
        double sum = 0;
        double[] ll = logLikelihoods(points, random);
        for (double v : ll) {
            sum += v;
        }
        return sum / ll.length;
    }

    /** The estimate of log p(x) at one point x (D values). */
    public double logLikelihood(double[] x, SplittableRandom random) {
        Proposal q = proposal(x, random);
        double[] logW = new double[samples];
        double[] y = new double[latent];
        int fromPrior = (int) Math.round(PRIOR_SHARE * samples);
        for (int s = 0; s < samples; s++) {
            if (s < fromPrior) {
                drawPrior(y, random);
            } else {
                q.draw(y, random);
            }
            double logPrior = logPrior(y);
            double logQ = logSumExp(Math.log(PRIOR_SHARE) + logPrior, Math.log(1 - PRIOR_SHARE) + q.logDensity(y));
            logW[s] = logPrior + logLikelihoodGiven(x, y) - logQ;
        }
        return logMeanExp(logW);
    }

    /** log p(x | y). */
    private double logLikelihoodGiven(double[] x, double[] y) {
        double[] mean = new double[dimension];
        f.apply(y, mean);
        double logLik = 0;
        for (int d = 0; d < dimension; d++) {
            double u = (x[d] - mean[d]) / noise[d];
            logLik += -0.5 * u * u - Math.log(noise[d]) - 0.5 * LOG_2PI;
        }
        return logLik;
    }

    /** The mixture of Laplace approximations at the posterior modes found from the starting points. */
    private Proposal proposal(double[] x, SplittableRandom random) {
        List<double[]> starts = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            starts.add(Arrays.copyOfRange(means, c * latent, (c + 1) * latent));
        }
        int pilot = Math.max(1, samples / 4);
        double[][] drawn = new double[pilot][];
        double[] joint = new double[pilot];
        Integer[] order = new Integer[pilot];
        for (int s = 0; s < pilot; s++) {
            drawn[s] = new double[latent];
            drawPrior(drawn[s], random);
            joint[s] = logLikelihoodGiven(x, drawn[s]);
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Double.compare(joint[b], joint[a]));
        for (int s = 0; s < Math.min(STARTS, pilot); s++) {
            starts.add(drawn[order[s]]);
        }
        List<Gaussian> modes = new ArrayList<>();
        List<Double> evidence = new ArrayList<>();
        for (double[] start : starts) {
            Mode m = ascend(x, start);
            Gaussian g = new Gaussian(m.y, inverse(m.precision, WIDEN * WIDEN));
            boolean merged = false;
            for (int j = 0; j < modes.size(); j++) {
                if (modes.get(j).mahalanobis(m.y) < 0.5 * WIDEN) {
                    if (m.logEvidence > evidence.get(j)) {
                        modes.set(j, g);
                        evidence.set(j, m.logEvidence);
                    }
                    merged = true;
                    break;
                }
            }
            if (!merged) {
                modes.add(g);
                evidence.add(m.logEvidence);
            }
        }
        double max = evidence.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double total = evidence.stream().mapToDouble(e -> Math.exp(e - max)).sum();
        double[] weights = new double[modes.size()];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = 0.5 * Math.exp(evidence.get(j) - max) / total + 0.5 / weights.length;
        }
        return new Proposal(modes, weights);
    }

    /** A local maximum of ℓ(y) = log p(y) + log p(x | y), its Gauss–Newton precision and its Laplace evidence. */
    private record Mode(double[] y, double[] precision, double logEvidence) {
    }

    private Mode ascend(double[] x, double[] start) {
        double[] y = start.clone();
        double value = logPrior(y) + logLikelihoodGiven(x, y);
        double[] gradient = new double[latent];
        double[] precision = new double[latent * latent];
        for (int it = 0; it < ITERATIONS; it++) {
            curvature(x, y, gradient, precision);
            double[] step = solve(precision, gradient);
            double t = 1;
            double[] next = new double[latent];
            double nextValue = Double.NEGATIVE_INFINITY;
            while (t > 1e-8) {
                for (int l = 0; l < latent; l++) {
                    next[l] = y[l] + t * step[l];
                }
                nextValue = logPrior(next) + logLikelihoodGiven(x, next);
                if (nextValue > value) {
                    break;
                }
                t *= 0.5;
            }
            if (!(nextValue > value)) {
                break;
            }
            double moved = 0;
            for (int l = 0; l < latent; l++) {
                moved = Math.max(moved, Math.abs(next[l] - y[l]));
            }
            y = next.clone();
            boolean converged = nextValue - value < 1e-12 || moved < 1e-10;
            value = nextValue;
            if (converged) {
                break;
            }
        }
        curvature(x, y, gradient, precision);
        double logDet = Math.log(determinant(precision));
        return new Mode(y, precision, value + 0.5 * latent * LOG_2PI - 0.5 * logDet);
    }

    /**
     * The gradient of ℓ at y and its Gauss–Newton precision Jᵀ diag(1/σ²) J + Σ_c r_c diag(1/s_c²), with f's
     * Jacobian J by central differences.
     */
    private void curvature(double[] x, double[] y, double[] gradient, double[] precision) {
        double[] fy = new double[dimension];
        f.apply(y, fy);
        double[] jacobian = new double[dimension * latent];
        double[] plus = new double[dimension];
        double[] minus = new double[dimension];
        double[] shifted = y.clone();
        for (int l = 0; l < latent; l++) {
            double h = 1e-6 * Math.max(1, Math.abs(y[l]));
            shifted[l] = y[l] + h;
            f.apply(shifted, plus);
            shifted[l] = y[l] - h;
            f.apply(shifted, minus);
            shifted[l] = y[l];
            for (int d = 0; d < dimension; d++) {
                jacobian[d * latent + l] = (plus[d] - minus[d]) / (2 * h);
            }
        }
        double[] responsibilities = responsibilities(y);
        Arrays.fill(precision, 0);
        for (int a = 0; a < latent; a++) {
            double g = 0;
            for (int d = 0; d < dimension; d++) {
                g += jacobian[d * latent + a] * (x[d] - fy[d]) / (noise[d] * noise[d]);
            }
            for (int c = 0; c < components; c++) {
                double s = scales[c * latent + a];
                g -= responsibilities[c] * (y[a] - means[c * latent + a]) / (s * s);
                precision[a * latent + a] += responsibilities[c] / (s * s);
            }
            gradient[a] = g;
            for (int b = 0; b < latent; b++) {
                double h = 0;
                for (int d = 0; d < dimension; d++) {
                    h += jacobian[d * latent + a] * jacobian[d * latent + b] / (noise[d] * noise[d]);
                }
                precision[a * latent + b] += h;
            }
        }
    }

    /** p(c | y) for every component. */
    private double[] responsibilities(double[] y) {
        double[] t = new double[components];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < components; c++) {
            t[c] = logWeights[c];
            for (int l = 0; l < latent; l++) {
                double s = scales[c * latent + l];
                double u = (y[l] - means[c * latent + l]) / s;
                t[c] += -0.5 * u * u - Math.log(s);
            }
            max = Math.max(max, t[c]);
        }
        double sum = 0;
        for (int c = 0; c < components; c++) {
            t[c] = Math.exp(t[c] - max);
            sum += t[c];
        }
        for (int c = 0; c < components; c++) {
            t[c] /= sum;
        }
        return t;
    }

    private void drawPrior(double[] y, SplittableRandom random) {
        double u = random.nextDouble();
        int c = 0;
        double cumulative = Math.exp(logWeights[0]);
        while (c < components - 1 && u >= cumulative) {
            c++;
            cumulative += Math.exp(logWeights[c]);
        }
        for (int l = 0; l < latent; l++) {
            y[l] = means[c * latent + l] + scales[c * latent + l] * random.nextGaussian();
        }
    }

    /** log p(y) = log Σ_c π_c N(y; μ_c, diag s_c²). */
    double logPrior(double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[components];
        for (int c = 0; c < components; c++) {
            double t = logWeights[c];
            for (int l = 0; l < latent; l++) {
                double s = scales[c * latent + l];
                double u = (y[l] - means[c * latent + l]) / s;
                t += -0.5 * u * u - Math.log(s) - 0.5 * LOG_2PI;
            }
            terms[c] = t;
            max = Math.max(max, t);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /** The solution of P v = g for a symmetric positive-definite P (L×L), by Cholesky. */
    private double[] solve(double[] p, double[] g) {
        double[] l = cholesky(p);
        double[] u = new double[latent];
        for (int i = 0; i < latent; i++) {
            double v = g[i];
            for (int k = 0; k < i; k++) {
                v -= l[i * latent + k] * u[k];
            }
            u[i] = v / l[i * latent + i];
        }
        double[] out = new double[latent];
        for (int i = latent - 1; i >= 0; i--) {
            double v = u[i];
            for (int k = i + 1; k < latent; k++) {
                v -= l[k * latent + i] * out[k];
            }
            out[i] = v / l[i * latent + i];
        }
        return out;
    }

    /** factor × P⁻¹, column by column. */
    private double[] inverse(double[] p, double factor) {
        double[] out = new double[latent * latent];
        double[] e = new double[latent];
        for (int j = 0; j < latent; j++) {
            Arrays.fill(e, 0);
            e[j] = 1;
            double[] column = solve(p, e);
            for (int i = 0; i < latent; i++) {
                out[i * latent + j] = factor * column[i];
            }
        }
        return out;
    }

    private double determinant(double[] p) {
        double[] l = cholesky(p);
        double det = 1;
        for (int i = 0; i < latent; i++) {
            det *= l[i * latent + i] * l[i * latent + i];
        }
        return det;
    }

    /** The lower Cholesky factor of a symmetric positive-definite L×L matrix. */
    private double[] cholesky(double[] p) {
        return Gaussian.cholesky(p, latent);
    }

    private static double logSumExp(double a, double b) {
        double max = Math.max(a, b);
        return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    private static double logMeanExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum / v.length);
    }

    /** A full-covariance Gaussian in L dimensions, through the Cholesky factor of its covariance. */
    private static final class Gaussian {
        private final double[] mean;
        private final double[] chol;
        private final int n;
        private final double logNormaliser;

        Gaussian(double[] mean, double[] covariance) {
            this.n = mean.length;
            this.mean = mean.clone();
            this.chol = cholesky(covariance, n);
            double logDet = 0;
            for (int i = 0; i < n; i++) {
                logDet += 2 * Math.log(chol[i * n + i]);
            }
            this.logNormaliser = -0.5 * n * LOG_2PI - 0.5 * logDet;
        }

        /** The lower Cholesky factor of a symmetric positive-definite n×n matrix (pivots floored above 0). */
        static double[] cholesky(double[] a, int n) {
            double[] l = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = a[i * n + j];
                    for (int k = 0; k < j; k++) {
                        sum -= l[i * n + k] * l[j * n + k];
                    }
                    if (i == j) {
                        l[i * n + i] = Math.sqrt(Math.max(sum, Double.MIN_NORMAL));
                    } else {
                        l[i * n + j] = sum / l[j * n + j];
                    }
                }
            }
            return l;
        }

        void draw(double[] out, SplittableRandom random) {
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = random.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double v = mean[i];
                for (int k = 0; k <= i; k++) {
                    v += chol[i * n + k] * e[k];
                }
                out[i] = v;
            }
        }

        /** ‖L⁻¹(y − mean)‖, the distance of y from the mean in standard deviations. */
        double mahalanobis(double[] y) {
            double[] u = new double[n];
            double q = 0;
            for (int i = 0; i < n; i++) {
                double v = y[i] - mean[i];
                for (int k = 0; k < i; k++) {
                    v -= chol[i * n + k] * u[k];
                }
                u[i] = v / chol[i * n + i];
                q += u[i] * u[i];
            }
            return Math.sqrt(q);
        }

        double logDensity(double[] y) {
            double d = mahalanobis(y);
            return logNormaliser - 0.5 * d * d;
        }
    }

    /** A weighted mixture of Gaussians. */
    private static final class Proposal {
        private final List<Gaussian> parts;
        private final double[] weights;
        private final double[] logWeights;

        Proposal(List<Gaussian> parts, double[] weights) {
            this.parts = parts;
            this.weights = weights;
            this.logWeights = new double[weights.length];
            for (int j = 0; j < weights.length; j++) {
                logWeights[j] = Math.log(weights[j]);
            }
        }

        void draw(double[] out, SplittableRandom random) {
            double u = random.nextDouble();
            int j = 0;
            double cumulative = weights[0];
            while (j < weights.length - 1 && u >= cumulative) {
                j++;
                cumulative += weights[j];
            }
            parts.get(j).draw(out, random);
        }

        double logDensity(double[] y) {
            double max = Double.NEGATIVE_INFINITY;
            double[] terms = new double[weights.length];
            for (int j = 0; j < terms.length; j++) {
                terms[j] = logWeights[j] + parts.get(j).logDensity(y);
                max = Math.max(max, terms[j]);
            }
            double sum = 0;
            for (double t : terms) {
                sum += Math.exp(t - max);
            }
            return max + Math.log(sum);
        }
    }
}
