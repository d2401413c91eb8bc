package org.alws.api.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The model of the contract: z ~ N(0, 1), x | z ~ N(w z + b, s²), with parameters {@code w} [1], {@code b} [1]
 * and {@code logS} (a scalar, log s). Its marginal is x ~ N(b, w² + s²), so its likelihood and score are exact:
 * the ground truth of the learner contract and of core's ALWS tests.
 */
public final class LinearGaussian implements GenerativeModel, ExactLikelihood, ExactScore {
    private final double w0;
    private final double b0;
    private final double s0;

    /** The model with initial values w, b and s (&gt; 0). */
    public LinearGaussian(double w, double b, double s) {
        this.w0 = w;
        this.b0 = b;
        this.s0 = s;
    }

    @Override
    public void run(Trace t) {
        Tensor w = t.param("w", Shape.of(1), Initializer.values(w0));
        Tensor b = t.param("b", Shape.of(1), Initializer.values(b0));
        Tensor logS = t.param("logS", Shape.scalar(), Initializer.values(Math.log(s0)));
        Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 1)), 1.0));
        t.observe("x", Normal.of(z.mul(w).add(b), logS.exp()));
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> p) {
        double w = p.get("w").get(0);
        double b = p.get("b").get(0);
        double s = Math.exp(p.get("logS").get(0));
        double v = w * w + s * s;
        double[] x = data.doubles();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = -0.5 * Math.log(2 * Math.PI * v) - 0.5 * (x[i] - b) * (x[i] - b) / v;
        }
        return out;
    }

    /**
     * With r = x − b and v = w² + s²: ∂/∂b = r / v, ∂/∂w = 2w · dv, ∂/∂log s = 2s² · dv, where
     * dv = ∂ log p / ∂v = ½ (r² / v² − 1 / v).
     */
    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> p) {
        double w = p.get("w").get(0);
        double b = p.get("b").get(0);
        double s = Math.exp(p.get("logS").get(0));
        double v = w * w + s * s;
        double[] x = data.doubles();
        int m = x.length;
        double[] gw = new double[m];
        double[] gb = new double[m];
        double[] gs = new double[m];
        for (int i = 0; i < m; i++) {
            double r = x[i] - b;
            double dv = 0.5 * (r * r / (v * v) - 1 / v);
            gb[i] = r / v;
            gw[i] = 2 * w * dv;
            gs[i] = 2 * s * s * dv;
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put("w", HostArray.of(Shape.of(m, 1), gw));
        out.put("b", HostArray.of(Shape.of(m, 1), gb));
        out.put("logS", HostArray.of(Shape.of(m), gs));
        return out;
    }
}
