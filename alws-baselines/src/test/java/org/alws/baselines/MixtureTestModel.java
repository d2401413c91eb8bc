package org.alws.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A discrete-latent model for the tests: c ~ Categorical(softmax(logits)) over three components, x | c ~ N(μ_c, 1),
 * with parameters {@code logits} [3] and {@code mu} [3]. Its score is exact: with responsibilities r_c = p(c | x),
 * ∂/∂μ_c = r_c (x − μ_c) and ∂/∂logits_c = r_c − π_c.
 */
final class MixtureTestModel implements GenerativeModel, ExactScore {
    static final double[] LOGITS = {0.2, -0.1, 0.0};
    static final double[] MU = {-2.0, 0.5, 2.5};

    @Override
    public void run(Trace t) {
        int n = t.batchSize();
        Tensor logits = t.param("logits", Shape.of(3), Initializer.values(LOGITS));
        Tensor mu = t.param("mu", Shape.of(3), Initializer.values(MU));
        Tensor c = t.sample("c", Categorical.ofLogits(t.ops().zeros(Shape.of(n, 3)).add(logits)));
        t.observe("x", Normal.of(mu.gather(c, 0).reshape(n, 1), 1.0));
    }

    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> p) {
        double[] logits = p.get("logits").doubles();
        double[] mu = p.get("mu").doubles();
        double[] x = data.doubles();
        int n = x.length;
        double norm = 0;
        double[] pi = new double[3];
        for (int c = 0; c < 3; c++) {
            pi[c] = Math.exp(logits[c]);
            norm += pi[c];
        }
        for (int c = 0; c < 3; c++) {
            pi[c] /= norm;
        }
        double[] gl = new double[n * 3];
        double[] gm = new double[n * 3];
        for (int m = 0; m < n; m++) {
            double[] r = new double[3];
            double total = 0;
            for (int c = 0; c < 3; c++) {
                r[c] = pi[c] * Math.exp(-0.5 * (x[m] - mu[c]) * (x[m] - mu[c]));
                total += r[c];
            }
            for (int c = 0; c < 3; c++) {
                r[c] /= total;
                gl[m * 3 + c] = r[c] - pi[c];
                gm[m * 3 + c] = r[c] * (x[m] - mu[c]);
            }
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put("logits", HostArray.of(Shape.of(n, 3), gl));
        out.put("mu", HostArray.of(Shape.of(n, 3), gm));
        return out;
    }
}
