package org.alws.models.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Globally adaptive 15-point Gauss–Kronrod quadrature of a vector-valued integrand on a finite interval, starting
 * from caller-chosen breakpoints (so that narrow features are never hidden between nodes) and bisecting the panel
 * with the largest error estimate until every component is accurate enough.
 *
 * <p>The error estimate of a panel is |K15 − G7|, the error of the 7-point Gauss rule: a pessimistic bound for the
 * 15-point Kronrod value that is returned. Callers whose integrand carries rounding noise above machine precision
 * must ask for a tolerance above that noise, or the refinement runs to {@code maxPanels}.
 */
final class GaussKronrod {

    /** Kronrod nodes on [-1, 1], outermost first (the odd-indexed ones and 0 are the Gauss nodes). */
    static final double[] NODES = {
        0.991455371120812639206854697526329,
        0.949107912342758524526189684047851,
        0.864864423359769072789712788640926,
        0.741531185599394439863864773280788,
        0.586087235467691130294144845693013,
        0.405845151377397166906606412076961,
        0.207784955007898467600689403773245,
        0.000000000000000000000000000000000,
    };

    /** Kronrod weights matching {@link #NODES}. */
    static final double[] KRONROD_WEIGHTS = {
        0.022935322010529224963732008058970,
        0.063092092629978553290700663189204,
        0.104790010322250183839876322541518,
        0.140653259715525918745189590510238,
        0.169004726639267902826583426598550,
        0.190350578064785409913256402421014,
        0.204432940075298892414161999234649,
        0.209482141084727828012999174891714,
    };

    /** Gauss weights of the nodes {@code NODES[1], NODES[3], NODES[5], NODES[7]}. */
    static final double[] GAUSS_WEIGHTS = {
        0.129484966168869693270611432679082,
        0.279705391489276667901467771423780,
        0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    };

    /** A vector-valued integrand: writes its components at {@code u} into {@code out}. */
    @FunctionalInterface
    interface Integrand {
        void evaluate(double u, double[] out);
    }

    /**
     * Integrals with their error estimates.
     *
     * @param values the integral of each component
     * @param errors the summed |K15 − G7| of each component
     * @param panels the number of panels in the final partition
     * @param converged whether the requested accuracy was reached
     */
    record Result(double[] values, double[] errors, int panels, boolean converged) {
    }

    private GaussKronrod() {
    }

    /**
     * Integrates over [breakpoints[0], breakpoints[last]].
     *
     * @param f the integrand
     * @param components its number of components
     * @param breakpoints the initial partition, increasing
     * @param scaleIndex for each component, the component whose integral's magnitude sets its accuracy target (use
     *     the integral of |g| for a signed g that may cancel)
     * @param tolerance the target of the summed error estimate of each component, relative to its scale
     * @param maxPanels the most panels before giving up (the result then says it did not converge)
     */
    static Result integrate(Integrand f, int components, double[] breakpoints, int[] scaleIndex, double tolerance,
            int maxPanels) {
        if (breakpoints.length < 2) {
            throw new IllegalArgumentException("breakpoints: got " + breakpoints.length + ", expected at least 2");
        }
        double[] work = new double[components];
        PriorityQueue<Panel> queue = new PriorityQueue<>((p, q) -> Double.compare(q.priority, p.priority));
        List<Panel> done = new ArrayList<>();
        double[] total = new double[components];
        double[] error = new double[components];
        List<Panel> initial = new ArrayList<>();
        for (int i = 0; i + 1 < breakpoints.length; i++) {
            if (!(breakpoints[i + 1] > breakpoints[i])) {
                throw new IllegalArgumentException("breakpoints: not increasing at index " + (i + 1) + " ("
                        + breakpoints[i] + ", " + breakpoints[i + 1] + ")");
            }
            Panel p = panel(f, breakpoints[i], breakpoints[i + 1], components, work);
            accumulate(total, error, p, 1);
            initial.add(p);
        }
        double[] initialScale = scales(total, scaleIndex);
        for (Panel p : initial) {
            p.priority = priority(p, initialScale);
            queue.add(p);
        }
        int panels = queue.size();
        boolean converged = false;
        while (true) {
            double[] scale = scales(total, scaleIndex);
            if (withinTolerance(error, scale, tolerance)) {
                converged = true;
                break;
            }
            if (panels >= maxPanels || queue.isEmpty()) {
                break;
            }
            Panel worst = queue.poll();
            double mid = 0.5 * (worst.a + worst.b);
            if (!(mid > worst.a && mid < worst.b)) {
                // Cannot be split further in double precision: keep it as it is.
                done.add(worst);
                continue;
            }
            accumulate(total, error, worst, -1);
            Panel left = panel(f, worst.a, mid, components, work);
            Panel right = panel(f, mid, worst.b, components, work);
            for (Panel child : new Panel[] {left, right}) {
                child.priority = priority(child, scale);
                accumulate(total, error, child, 1);
                queue.add(child);
            }
            panels++;
        }
        done.addAll(queue);
        // Sum the panels afresh (compensated) rather than trusting the running totals.
        double[] values = new double[components];
        double[] errors = new double[components];
        double[] carry = new double[components];
        for (Panel p : done) {
            for (int j = 0; j < components; j++) {
                double y = p.kronrod[j] - carry[j];
                double t = values[j] + y;
                carry[j] = (t - values[j]) - y;
                values[j] = t;
                errors[j] += p.error[j];
            }
        }
        return new Result(values, errors, done.size(), converged);
    }

    private static double[] scales(double[] total, int[] scaleIndex) {
        double[] s = new double[total.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.abs(total[scaleIndex[j]]);
        }
        return s;
    }

    private static boolean withinTolerance(double[] error, double[] scale, double tolerance) {
        for (int j = 0; j < error.length; j++) {
            if (error[j] > tolerance * scale[j]) {
                return false;
            }
        }
        return true;
    }

    private static void accumulate(double[] total, double[] error, Panel p, int sign) {
        for (int j = 0; j < total.length; j++) {
            total[j] += sign * p.kronrod[j];
            error[j] += sign * p.error[j];
        }
        for (int j = 0; j < error.length; j++) {
            error[j] = Math.max(error[j], 0.0);
        }
    }

    private static double priority(Panel p, double[] scale) {
        double worst = 0;
        for (int j = 0; j < scale.length; j++) {
            double e = scale[j] > 0 ? p.error[j] / scale[j] : p.error[j];
            worst = Math.max(worst, e);
        }
        return worst;
    }

    private static Panel panel(Integrand f, double a, double b, int m, double[] work) {
        double center = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double[] k = new double[m];
        double[] g = new double[m];
        for (int i = 0; i < NODES.length; i++) {
            boolean gauss = (i & 1) == 1;
            double wk = KRONROD_WEIGHTS[i];
            double wg = gauss ? GAUSS_WEIGHTS[i / 2] : 0.0;
            int evaluations = i == NODES.length - 1 ? 1 : 2;
            for (int side = 0; side < evaluations; side++) {
                double u = side == 0 ? center - half * NODES[i] : center + half * NODES[i];
                f.evaluate(u, work);
                for (int j = 0; j < m; j++) {
                    k[j] += wk * work[j];
                    g[j] += wg * work[j];
                }
            }
        }
        double[] err = new double[m];
        for (int j = 0; j < m; j++) {
            k[j] *= half;
            err[j] = Math.abs(k[j] - g[j] * half);
        }
        return new Panel(a, b, k, err);
    }

    private static final class Panel {
        final double a;
        final double b;
        final double[] kronrod;
        final double[] error;
        double priority;

        Panel(double a, double b, double[] kronrod, double[] error) {
            this.a = a;
            this.b = b;
            this.kronrod = kronrod;
            this.error = error;
        }
    }

    /**
     * Adds c and c ± w·2^k (k = −1, 0, 1, …) out to distance {@code reach}: a partition graded geometrically away
     * from a feature of width w at c, so that no panel is much wider than its distance to the feature. (A breakpoint
     * at c alone is not enough: no node lies at a panel's ends, and a peak far narrower than its panel is missed.)
     */
    static void addGraded(List<Double> points, double c, double w, double reach) {
        points.add(c);
        if (!(w > 0)) {
            return;
        }
        for (double d = 0.5 * w; d < 2 * reach; d *= 2) {
            points.add(c - d);
            points.add(c + d);
        }
    }

    /** The points strictly inside (from, to), sorted, without near-duplicates, with from and to at the ends. */
    static double[] breakpoints(List<Double> points, double from, double to) {
        double[] p = points.stream().mapToDouble(Double::doubleValue).filter(v -> v > from && v < to).sorted()
                .toArray();
        double[] out = new double[p.length + 2];
        int k = 0;
        out[k++] = from;
        for (double v : p) {
            double minGap = 1e-12 * Math.max(1.0, Math.abs(v));
            if (v - out[k - 1] > minGap && to - v > minGap) {
                out[k++] = v;
            }
        }
        out[k++] = to;
        return Arrays.copyOf(out, k);
    }
}
