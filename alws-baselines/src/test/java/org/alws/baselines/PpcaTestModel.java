package org.alws.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Probabilistic PCA for the tests: z ~ N(0, I_k), x | z ~ N(z W + μ, s² I_D), with parameters {@code W} [k, D],
 * {@code mu} [D] and {@code logSigma} (log s). Its marginal x ~ N(μ, WᵀW + s² I) gives log p(x) and its score in
 * closed form (computed here on the host with a Cholesky factor).
 */
final class PpcaTestModel implements GenerativeModel, ExactLikelihood, ExactScore {
    private final int k;
    private final int d;
    private final double[] w0;
    private final double[] mu0;
    private final double logSigma0;

    PpcaTestModel(int k, int d, double[] w, double[] mu, double logSigma) {
        this.k = k;
        this.d = d;
        this.w0 = w.clone();
        this.mu0 = mu.clone();
        this.logSigma0 = logSigma;
    }

    /** k = 2, D = 4 with correlated columns of W (a correlated posterior), μ ≠ 0 and s = 0.5. */
    static PpcaTestModel standard() {
        return new PpcaTestModel(2, 4, new double[] {1.0, 0.8, -0.5, 0.3, 0.6, 1.1, -0.2, 0.9},
                new double[] {0.5, -0.3, 0.2, 1.0}, Math.log(0.5));
    }

    @Override
    public void run(Trace t) {
        Tensor w = t.param("W", Shape.of(k, d), Initializer.values(w0));
        Tensor mu = t.param("mu", Shape.of(d), Initializer.values(mu0));
        Tensor logSigma = t.param("logSigma", Shape.scalar(), Initializer.values(logSigma0));
        Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), k)), 1.0));
        t.observe("x", Normal.of(z.matmul(w).add(mu), logSigma.exp()));
    }

    /** n draws from the marginal at the initial parameters, [n, D]. */
    HostArray sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double s = Math.exp(logSigma0);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] z = new double[k];
            for (int a = 0; a < k; a++) {
                z[a] = r.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                double v = mu0[j] + s * r.nextGaussian();
                for (int a = 0; a < k; a++) {
                    v += z[a] * w0[a * d + j];
                }
                x[i * d + j] = v;
            }
        }
        return HostArray.of(Shape.of(n, d), x);
    }

    /** C = WᵀW + s² I and its inverse and log-determinant. */
    private record Marginal(double[][] inverse, double logDet) {
    }

    private Marginal marginal(double[] w, double s) {
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = i == j ? s * s : 0;
                for (int a = 0; a < k; a++) {
                    v += w[a * d + i] * w[a * d + j];
                }
                c[i][j] = v;
            }
        }
        double[][] l = new double[d][d];
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = c[i][j];
                for (int q = 0; q < j; q++) {
                    v -= l[i][q] * l[j][q];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(v);
                    logDet += 2 * Math.log(l[i][i]);
                } else {
                    l[i][j] = v / l[j][j];
                }
            }
        }
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            double[] y = new double[d];
            for (int i = 0; i < d; i++) {
                double v = i == col ? 1 : 0;
                for (int q = 0; q < i; q++) {
                    v -= l[i][q] * y[q];
                }
                y[i] = v / l[i][i];
            }
            for (int i = d - 1; i >= 0; i--) {
                double v = y[i];
                for (int q = i + 1; q < d; q++) {
                    v -= l[q][i] * inv[q][col];
                }
                inv[i][col] = v / l[i][i];
            }
        }
        return new Marginal(inv, logDet);
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> p) {
        double s = Math.exp(p.get("logSigma").get(0));
        double[] mu = p.get("mu").doubles();
        Marginal mg = marginal(p.get("W").doubles(), s);
        double[] x = data.doubles();
        int n = x.length / d;
        double[] out = new double[n];
        for (int m = 0; m < n; m++) {
            double q = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    q += (x[m * d + i] - mu[i]) * mg.inverse()[i][j] * (x[m * d + j] - mu[j]);
                }
            }
            out[m] = -0.5 * (d * Math.log(2 * Math.PI) + mg.logDet() + q);
        }
        return out;
    }

    /** ∂/∂μ = C⁻¹r, ∂/∂W = 2 W G, ∂/∂log s = 2 s² tr G, with r = x − μ and G = ½(C⁻¹ r rᵀ C⁻¹ − C⁻¹). */
    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> p) {
        double s = Math.exp(p.get("logSigma").get(0));
        double[] mu = p.get("mu").doubles();
        double[] w = p.get("W").doubles();
        double[][] ci = marginal(w, s).inverse();
        double[] x = data.doubles();
        int n = x.length / d;
        double[] gw = new double[n * k * d];
        double[] gmu = new double[n * d];
        double[] gs = new double[n];
        for (int m = 0; m < n; m++) {
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    u[i] += ci[i][j] * (x[m * d + j] - mu[j]);
                }
                gmu[m * d + i] = u[i];
            }
            double[][] g = new double[d][d];
            double trace = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    g[i][j] = 0.5 * (u[i] * u[j] - ci[i][j]);
                }
                trace += g[i][i];
            }
            gs[m] = 2 * s * s * trace;
            for (int a = 0; a < k; a++) {
                for (int j = 0; j < d; j++) {
                    double v = 0;
                    for (int i = 0; i < d; i++) {
                        v += w[a * d + i] * g[i][j];
                    }
                    gw[m * k * d + a * d + j] = 2 * v;
                }
            }
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put("W", HostArray.of(Shape.of(n, k, d), gw));
        out.put("mu", HostArray.of(Shape.of(n, d), gmu));
        out.put("logSigma", HostArray.of(Shape.of(n), gs));
        return out;
    }
}
