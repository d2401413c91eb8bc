package org.alws.api.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Guide;
import org.alws.api.model.Initializer;
import org.alws.api.model.ProvidesGuide;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A conditional model with an exact likelihood: an input c, z | c ~ N(a c, 1), x | z ~ N(z + b, s²) with a fixed s,
 * parameters {@code a} [1] and {@code b} [1]. Its data rows are [x, c], and x | c ~ N(a c + b, 1 + s²). Its guide is
 * the exact posterior z | x, c ~ N((a c + (x − b) / s²) / (1 + 1 / s²), 1 / (1 + 1 / s²)), written with the model's
 * own parameters ({@link #sharesModelParameters()}), so the ELBO equals log p(x | c) at every z.
 */
public final class ConditionalLinearGaussian implements GenerativeModel, ExactLikelihood, ExactScore, ProvidesGuide {
    private final double a0;
    private final double b0;
    private final double s;

    /** The model with initial values a and b, and noise s (&gt; 0). */
    public ConditionalLinearGaussian(double a, double b, double s) {
        this.a0 = a;
        this.b0 = b;
        this.s = s;
    }

    @Override
    public void run(Trace t) {
        Tensor c = t.input("c", Shape.of(1));
        Tensor z = t.sample("z", Normal.of(c.mul(a(t)), 1.0));
        t.observe("x", Normal.of(z.add(b(t)), s));
    }

    private Tensor a(Trace t) {
        return t.param("a", Shape.of(1), Initializer.values(a0));
    }

    private Tensor b(Trace t) {
        return t.param("b", Shape.of(1), Initializer.values(b0));
    }

    @Override
    public Guide guide() {
        return (t, data) -> {
            long n = data.dim(0);
            Tensor x = t.ops().slice(data, new long[] {0, 0}, new long[] {n, 1});
            Tensor c = t.ops().slice(data, new long[] {0, 1}, new long[] {n, 1});
            double precision = 1 + 1 / (s * s);
            Tensor loc = c.mul(a(t)).add(x.sub(b(t)).div(s * s)).div(precision);
            t.sample("z", Normal.of(loc, 1 / Math.sqrt(precision)));
        };
    }

    @Override
    public boolean sharesModelParameters() {
        return true;
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> p) {
        double a = p.get("a").get(0);
        double b = p.get("b").get(0);
        double v = 1 + s * s;
        double[] rows = data.doubles();
        double[] out = new double[rows.length / 2];
        for (int i = 0; i < out.length; i++) {
            double r = rows[2 * i] - a * rows[2 * i + 1] - b;
            out[i] = -0.5 * Math.log(2 * Math.PI * v) - 0.5 * r * r / v;
        }
        return out;
    }

    /** With r = x − a c − b and v = 1 + s²: ∂/∂a = r c / v, ∂/∂b = r / v. */
    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> p) {
        double a = p.get("a").get(0);
        double b = p.get("b").get(0);
        double v = 1 + s * s;
        double[] rows = data.doubles();
        int m = rows.length / 2;
        double[] ga = new double[m];
        double[] gb = new double[m];
        for (int i = 0; i < m; i++) {
            double c = rows[2 * i + 1];
            double r = rows[2 * i] - a * c - b;
            ga[i] = r * c / v;
            gb[i] = r / v;
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put("a", HostArray.of(Shape.of(m, 1), ga));
        out.put("b", HostArray.of(Shape.of(m, 1), gb));
        return out;
    }

    /** {@code m} data rows [x, c]: c ~ U(−2, 2), x | c drawn from the model at parameters a, b. */
    public static HostArray rows(int m, double a, double b, double s, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] rows = new double[2 * m];
        for (int i = 0; i < m; i++) {
            double c = -2 + 4 * r.nextDouble();
            double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
            rows[2 * i] = a * c + b + Math.sqrt(1 + s * s) * g;
            rows[2 * i + 1] = c;
        }
        return HostArray.of(Shape.of(m, 2), rows);
    }
}
