package org.alws.models.mixture;

import java.util.Map;
import org.alws.api.config.Check;
import org.alws.api.dist.Categorical;
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
 * A Gaussian mixture with a discrete latent: z ~ Categorical(softmax(logits)) over K components, then
 * x | z ~ N(μ_z, diag σ_z²) in D dimensions with σ = exp(logScales). The program:
 *
 * <pre>{@code
 * Tensor logits = t.param("logits", Shape.of(K), Initializer.zeros());                     // [K]
 * Tensor means = t.param("means", Shape.of(K, D), Initializer.normal(initialMeanStd));     // [K, D]
 * Tensor logScales = t.param("logScales", Shape.of(K, D), Initializer.constant(initialLogScale));
 * Tensor z = t.sample("z", Categorical.ofLogits(zeros[n, K] + logits));                  // [n], INT32
 * Tensor onehot = ops.oneHot(z, K, dtype);                                                // [n, K]
 * t.observe("x", Normal.of(onehot.matmul(means), onehot.matmul(logScales).exp()));       // [n, D]
 * }</pre>
 *
 * <p>The means are initialised with independent N(0, initialMeanStd²) draws, a pure function of the run's seed and
 * the parameter's name (see {@link org.alws.api.model.Parameters}): distinct components from the start, so the
 * symmetry between them is broken; the logits start at zero (equal weights) and the log-scales at a constant.
 *
 * <p>The observation is an elementwise Normal, so ALWS takes its exponential-family path. Exact log p(x) and
 * ∇θ log p(x) are computed on the host in float64 by {@link GaussianMixtureParameters}, for data of shape [M, D].
 */
public final class GaussianMixtureModel implements GenerativeModel, ExactLikelihood, ExactScore {
    /** The latent site: the component, INT32 of shape [n]. */
    public static final String LATENT = "z";
    /** The observed site, of shape [n, D]. */
    public static final String OBSERVED = "x";

    private final int components;
    private final int dimension;
    private final double initialMeanStd;
    private final double initialLogScale;

    /**
     * @param components K, the number of components (&gt;= 1)
     * @param dimension D, the data dimension (&gt;= 1)
     * @param initialMeanStd the standard deviation of the initial means' draws (&gt; 0, so components differ)
     * @param initialLogScale the initial value of every log standard deviation
     * @throws org.alws.api.ConfigException naming the argument that is out of range
     */
    public GaussianMixtureModel(int components, int dimension, double initialMeanStd, double initialLogScale) {
        this.components = Check.atLeast("components", components, 1);
        this.dimension = Check.atLeast("dimension", dimension, 1);
        this.initialMeanStd = Check.positive("initialMeanStd", initialMeanStd);
        this.initialLogScale = Check.finite("initialLogScale", initialLogScale);
    }

    /** K. */
    public int components() {
        return components;
    }

    /** D. */
    public int dimension() {
        return dimension;
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        int n = t.batchSize();
        Tensor logits = t.param(GaussianMixtureParameters.LOGITS, Shape.of(components), Initializer.zeros());
        Tensor means = t.param(GaussianMixtureParameters.MEANS, Shape.of(components, dimension),
                Initializer.normal(initialMeanStd));
        Tensor logScales = t.param(GaussianMixtureParameters.LOG_SCALES, Shape.of(components, dimension),
                Initializer.constant(initialLogScale));
        // Broadcast by addition: differentiable on every backend.
        Tensor batchLogits = ops.zeros(Shape.of(n, components)).cast(logits.dtype()).add(logits);
        Tensor z = t.sample(LATENT, Categorical.ofLogits(batchLogits));
        Tensor onehot = ops.oneHot(z, components, means.dtype());
        t.observe(OBSERVED, Normal.of(onehot.matmul(means), onehot.matmul(logScales).exp()));
    }

    /** The parameter values of this model's shape read from a map keyed by local names. */
    public GaussianMixtureParameters parameters(Map<String, HostArray> parameters) {
        return GaussianMixtureParameters.fromMap(parameters, components, dimension);
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> parameters) {
        return parameters(parameters).logLikelihood(data);
    }

    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> parameters) {
        return parameters(parameters).score(data);
    }
}
