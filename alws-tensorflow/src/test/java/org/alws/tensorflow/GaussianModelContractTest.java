package org.alws.tensorflow;

import java.util.Map;
import org.alws.api.contract.ExactLikelihoodContract;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The published {@link ExactLikelihoodContract} run on a linear-Gaussian model written here (z ~ N(0, I₂),
 * x | z ~ N(zW + b, σ² I₃) with a learned scalar log σ), whose exact marginal x ~ N(b, WᵀW + σ² I) checks the
 * contract's Monte Carlo likelihood estimate.
 */
class GaussianModelContractTest extends ExactLikelihoodContract {

    /** The linear-Gaussian model and its closed-form marginal likelihood. */
    static final class LinearGaussian implements GenerativeModel, ExactLikelihood {
        static final int LATENT = 2;
        static final int OBSERVED = 3;

        @Override
        public void run(org.alws.api.model.Trace t) {
            TensorOps ops = t.ops();
            Tensor w = t.param("w", Shape.of(LATENT, OBSERVED), Initializer.normal(0.7));
            Tensor b = t.param("b", Shape.of(OBSERVED), Initializer.normal(0.5));
            Tensor logSigma = t.param("logSigma", Shape.scalar(), Initializer.constant(Math.log(0.6)));
            Tensor z = t.sample("z", Normal.of(ops.zeros(Shape.of(t.batchSize(), LATENT)), 1.0));
            t.observe("x", Normal.of(z.matmul(w).add(b), logSigma.exp()));
        }

        @Override
        public double[] logLikelihood(HostArray data, Map<String, HostArray> parameters) {
            double[] w = parameters.get("w").doubles();
            double[] b = parameters.get("b").doubles();
            double s2 = Math.exp(2 * parameters.get("logSigma").scalarValue());
            int d = OBSERVED;
            double[] c = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double v = i == j ? s2 : 0;
                    for (int k = 0; k < LATENT; k++) {
                        v += w[k * d + i] * w[k * d + j];
                    }
                    c[i * d + j] = v;
                }
            }
            // Cholesky C = L Lᵀ, then log N(x; b, C) = -½ |L⁻¹(x − b)|² − Σ log L_ii − (d/2) log 2π.
            double[] l = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = c[i * d + j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i * d + k] * l[j * d + k];
                    }
                    l[i * d + j] = i == j ? Math.sqrt(s) : s / l[j * d + j];
                }
            }
            int m = (int) data.shape().dim(0);
            double[] x = data.doubles();
            double[] out = new double[m];
            for (int n = 0; n < m; n++) {
                double[] y = new double[d];
                double quad = 0;
                double logDet = 0;
                for (int i = 0; i < d; i++) {
                    double s = x[n * d + i] - b[i];
                    for (int k = 0; k < i; k++) {
                        s -= l[i * d + k] * y[k];
                    }
                    y[i] = s / l[i * d + i];
                    quad += y[i] * y[i];
                    logDet += Math.log(l[i * d + i]);
                }
                out[n] = -0.5 * quad - logDet - 0.5 * d * Math.log(2 * Math.PI);
            }
            return out;
        }
    }

    @Override
    protected GenerativeModel model() {
        return new LinearGaussian();
    }
}
