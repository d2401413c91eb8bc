package org.alws.models.ica;

import org.alws.api.dist.Laplace;
import org.alws.api.dist.Normal;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Independent component analysis as a generative model: k independent Laplace sources mixed linearly into D
 * dimensions with isotropic Gaussian noise,
 *
 * <pre>{@code
 * Tensor w = t.param("W", Shape.of(k, D), Initializer.normal(initialWeightStd));   // [k, D], row i = filter of source i
 * Tensor logSigma = t.param("logSigma", Shape.scalar(), Initializer.constant(log initialSigma));
 * Tensor z = t.sample("z", Laplace.of(zeros[n, k], 1));                             // [n, k]
 * t.observe("x", Normal.of(z.matmul(w), logSigma.exp()));                          // [n, D]
 * }</pre>
 *
 * The prior is fixed (unit scale, as the sources' scale is absorbed by W); W and σ are learned. The Laplace density
 * has a kink at 0 and its sources are only identifiable through their non-Gaussianity, so a reparameterised
 * posterior fits it badly; ALWS needs neither. The observation is Gaussian, so ALWS takes its exponential-family
 * path. The model's mixing matrix, comparable with a data set's A, is Wᵀ.
 */
public final class IcaModel implements GenerativeModel {
    /** The latent site: the sources, [n, k]. */
    public static final String LATENT = "z";
    /** The observed site, [n, D]. */
    public static final String OBSERVED = "x";
    /** The filters W, [k, D]. */
    public static final String WEIGHTS = "W";
    /** log σ, a scalar. */
    public static final String LOG_SIGMA = "logSigma";

    private final int latent;
    private final int dimension;
    private final double initialWeightStd;
    private final double initialSigma;

    /** A model with the given (validated) options. */
    public IcaModel(IcaModelProvider.Options options) {
        this.latent = options.latent();
        this.dimension = options.dimension();
        this.initialWeightStd = options.initialWeightStd();
        this.initialSigma = options.initialSigma();
    }

    /** k. */
    public int latent() {
        return latent;
    }

    /** D. */
    public int dimension() {
        return dimension;
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        Tensor w = t.param(WEIGHTS, Shape.of(latent, dimension), Initializer.normal(initialWeightStd));
        Tensor logSigma = t.param(LOG_SIGMA, Shape.scalar(), Initializer.constant(Math.log(initialSigma)));
        Tensor zeros = ops.zeros(Shape.of(t.batchSize(), latent)).cast(w.dtype());
        Tensor z = t.sample(LATENT, Laplace.of(zeros, zeros.add(1.0)));
        t.observe(OBSERVED, Normal.of(z.matmul(w), logSigma.exp()));
    }
}
