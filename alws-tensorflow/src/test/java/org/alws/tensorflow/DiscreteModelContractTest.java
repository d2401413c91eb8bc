package org.alws.tensorflow;

import java.util.Map;
import org.alws.api.contract.ExactLikelihoodContract;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Categorical;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The published {@link ExactLikelihoodContract} run on a mixture of multivariate Bernoullis written here (c ~ Categorical(π),
 * x | c ~ Bernoulli(σ(T_c)) in {0,1}⁴), a model with discrete sites only whose exact likelihood sums c out.
 */
class DiscreteModelContractTest extends ExactLikelihoodContract {
    private static final int K = 3;
    private static final int D = 4;

    /** The mixture and its exact marginal likelihood. */
    static final class BernoulliMixture implements GenerativeModel, ExactLikelihood {
        @Override
        public void run(Trace t) {
            Tensor mix = t.param("mix", Shape.of(K), Initializer.normal(0.5));
            Tensor table = t.param("table", Shape.of(K, D), Initializer.normal(1.5));
            Tensor c = t.sample("c", Categorical.ofLogits(t.ops().zeros(Shape.of(t.batchSize(), K)).add(mix)));
            t.observe("x", Bernoulli.ofLogits(table.gather(c, 0)));
        }

        @Override
        public double[] logLikelihood(HostArray data, Map<String, HostArray> parameters) {
            double[] mix = parameters.get("mix").doubles();
            double[] table = parameters.get("table").doubles();
            double norm = 0;
            for (double v : mix) {
                norm += Math.exp(v);
            }
            int m = (int) data.shape().dim(0);
            double[] x = data.doubles();
            double[] out = new double[m];
            for (int n = 0; n < m; n++) {
                double p = 0;
                for (int k = 0; k < K; k++) {
                    double lp = mix[k] - Math.log(norm);
                    for (int j = 0; j < D; j++) {
                        double l = table[k * D + j];
                        lp += x[n * D + j] * l - SpecialFunctions.softplus(l);
                    }
                    p += Math.exp(lp);
                }
                out[n] = Math.log(p);
            }
            return out;
        }
    }

    @Override
    protected GenerativeModel model() {
        return new BernoulliMixture();
    }

    @Override
    protected int batchSize() {
        return 16;
    }
}
