package org.alws.examples.ppca;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.config.Check;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Probabilistic PCA (Tipping and Bishop, 1999) as a third-party plugin: a model written against {@code alws-api}
 * alone. Latents z ∈ R^k, z ~ N(0, I); data x = Wᵀz + μ + ε ∈ R^D with ε ~ N(0, σ² I). The whole program:
 *
 * <pre>{@code
 * public void run(Trace t) {
 *     TensorOps ops = t.ops();
 *     Tensor w = t.param("W", Shape.of(latent, dim), Initializer.normal(0.1));           // [k, D]
 *     Tensor mu = t.param("mu", Shape.of(dim), Initializer.zeros());                     // [D]
 *     Tensor logSigma = t.param("logSigma", Shape.scalar(), Initializer.constant(initialLogSigma));
 *     Tensor z = t.sample("z", Normal.of(ops.zeros(Shape.of(t.batchSize(), latent)), 1.0)); // [N, k]
 *     t.observe("x", Normal.of(z.matmul(w).add(mu), logSigma.exp()));                   // [N, D]
 * }
 * }</pre>
 *
 * <p>The observation is an elementwise Normal, so ALWS takes its exponential-family path. Because the model is
 * linear-Gaussian its marginal is known, x ~ N(μ, C) with C = WᵀW + σ² I, so it also offers the exact
 * log-likelihood and its exact gradient (via a Cholesky factor of C):
 *
 * <pre>
 *   a = C⁻¹(x − μ):   ∂/∂μ = a,   ∂/∂W = W (a aᵀ − C⁻¹),   ∂/∂log σ = σ² (aᵀa − tr C⁻¹)
 * </pre>
 *
 * and {@link PpcaSolution} gives the maximum-likelihood parameters in closed form: the references that ALWS training
 * is checked against.
 */
public final class PpcaModel implements GenerativeModel, ExactLikelihood, ExactScore {
    /** The latent site. */
    public static final String LATENT = "z";
    /** The observed site. */
    public static final String OBSERVED = "x";

    private final int dim;
    private final int latent;
    private final double initialLogSigma;

    /**
     * @param dim D, the data dimension (&gt;= 1)
     * @param latent k, the latent dimension (&gt;= 1)
     * @param initialLogSigma the initial value of log σ
     */
    public PpcaModel(int dim, int latent, double initialLogSigma) {
        this.dim = Check.atLeast("dim", dim, 1);
        this.latent = Check.atLeast("latent", latent, 1);
        this.initialLogSigma = Check.finite("initialLogSigma", initialLogSigma);
    }

    /** D. */
    public int dim() {
        return dim;
    }

    /** k. */
    public int latent() {
        return latent;
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        Tensor w = t.param(PpcaParameters.W, Shape.of(latent, dim), Initializer.normal(0.1));
        Tensor mu = t.param(PpcaParameters.MU, Shape.of(dim), Initializer.zeros());
        Tensor logSigma = t.param(PpcaParameters.LOG_SIGMA, Shape.scalar(), Initializer.constant(initialLogSigma));
        Tensor z = t.sample(LATENT, Normal.of(ops.zeros(Shape.of(t.batchSize(), latent)), 1.0));
        t.observe(OBSERVED, Normal.of(z.matmul(w).add(mu), logSigma.exp()));
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> parameters) {
        return PpcaParameters.fromMap(parameters, latent, dim).logLikelihood(data);
    }

    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> parameters) {
        PpcaParameters p = PpcaParameters.fromMap(parameters, latent, dim);
        double[] x = p.rows(data);
        int m = x.length / dim;
        double[] w = p.w();
        double[] mu = p.mu();
        double s2 = p.noiseVariance();
        double[] l = LinearAlgebra.cholesky(p.covariance(), dim);
        double[] cInv = LinearAlgebra.choleskyInverse(l, dim);
        double traceCInv = 0;
        for (int i = 0; i < dim; i++) {
            traceCInv += cInv[i * dim + i];
        }
        // W C⁻¹, shared by every example.
        double[] wcInv = new double[latent * dim];
        for (int r = 0; r < latent; r++) {
            for (int k = 0; k < dim; k++) {
                double v = w[r * dim + k];
                for (int j = 0; j < dim; j++) {
                    wcInv[r * dim + j] += v * cInv[k * dim + j];
                }
            }
        }
        double[] gw = new double[m * latent * dim];
        double[] gmu = new double[m * dim];
        double[] gls = new double[m];
        double[] resid = new double[dim];
        for (int n = 0; n < m; n++) {
            for (int i = 0; i < dim; i++) {
                resid[i] = x[n * dim + i] - mu[i];
            }
            double[] a = LinearAlgebra.choleskySolve(l, dim, resid);
            double aa = 0;
            for (int i = 0; i < dim; i++) {
                gmu[n * dim + i] = a[i];
                aa += a[i] * a[i];
            }
            for (int r = 0; r < latent; r++) {
                double wa = 0;
                for (int i = 0; i < dim; i++) {
                    wa += w[r * dim + i] * a[i];
                }
                int base = (n * latent + r) * dim;
                for (int j = 0; j < dim; j++) {
                    gw[base + j] = wa * a[j] - wcInv[r * dim + j];
                }
            }
            gls[n] = s2 * (aa - traceCInv);
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put(PpcaParameters.W, HostArray.of(Shape.of(m, latent, dim), gw));
        out.put(PpcaParameters.MU, HostArray.of(Shape.of(m, dim), gmu));
        out.put(PpcaParameters.LOG_SIGMA, HostArray.of(Shape.of(m), gls));
        return out;
    }
}
