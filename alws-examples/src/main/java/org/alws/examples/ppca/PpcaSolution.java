package org.alws.examples.ppca;

import org.alws.api.tensor.HostArray;

/**
 * The closed-form maximum-likelihood solution of probabilistic PCA (Tipping and Bishop, 1999) for a data matrix:
 * μ = the sample mean, S = the sample covariance (divided by n), S = U Λ Uᵀ with eigenvalues in decreasing order,
 * σ² = the mean of the D − k smallest eigenvalues, and W = (U_k (Λ_k − σ² I)^{1/2})ᵀ, one of the equally optimal
 * rotations R W (R orthogonal k×k). It is the reference that trained models are compared against.
 */
public final class PpcaSolution {
    private final PpcaParameters parameters;
    private final double[] eigenvalues;

    private PpcaSolution(PpcaParameters parameters, double[] eigenvalues) {
        this.parameters = parameters;
        this.eigenvalues = eigenvalues;
    }

    /**
     * Fits k latent dimensions to {@code data} ([n, D], n &gt;= 2, 1 &lt;= k &lt; D).
     *
     * @throws IllegalArgumentException if the shapes do not allow a fit
     * @throws org.alws.api.NumericalException if the smallest D − k eigenvalues are all zero (σ² = 0)
     */
    public static PpcaSolution fit(HostArray data, int latent) {
        if (data.shape().rank() != 2 || !data.dtype().isFloating()) {
            throw new IllegalArgumentException("data: got " + data.dtype() + data.shape()
                    + ", expected a floating array of shape [n, D]");
        }
        int n = Math.toIntExact(data.shape().dim(0));
        int dim = Math.toIntExact(data.shape().dim(1));
        if (n < 2) {
            throw new IllegalArgumentException("data: got " + n + " rows, expected at least 2");
        }
        if (latent < 1 || latent >= dim) {
            throw new IllegalArgumentException("latent: got " + latent + ", expected an integer in [1, " + (dim - 1)
                    + "] for data of dimension " + dim);
        }
        double[] x = data.doubles();
        double[] mean = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dim; i++) {
                mean[i] += x[r * dim + i];
            }
        }
        for (int i = 0; i < dim; i++) {
            mean[i] /= n;
        }
        double[] cov = new double[dim * dim];
        double[] d = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dim; i++) {
                d[i] = x[r * dim + i] - mean[i];
            }
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i * dim + j] += d[i] * d[j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i * dim + j] /= n;
                cov[j * dim + i] = cov[i * dim + j];
            }
        }
        LinearAlgebra.Eigen eigen = LinearAlgebra.symmetricEigen(cov, dim);
        double[] lambda = eigen.values();
        double s2 = 0;
        for (int i = latent; i < dim; i++) {
            s2 += lambda[i];
        }
        s2 /= dim - latent;
        if (!(s2 > 0)) {
            throw new org.alws.api.NumericalException("ppca fit: the " + (dim - latent)
                    + " smallest eigenvalues of the sample covariance average " + s2
                    + "; expected > 0 (data with full rank beyond the latent dimension)");
        }
        double[] w = new double[latent * dim];
        for (int r = 0; r < latent; r++) {
            double scale = Math.sqrt(Math.max(lambda[r] - s2, 0.0));
            double[] u = eigen.vector(r);
            for (int j = 0; j < dim; j++) {
                w[r * dim + j] = scale * u[j];
            }
        }
        return new PpcaSolution(new PpcaParameters(latent, dim, w, mean, 0.5 * Math.log(s2)), lambda);
    }

    /** The maximum-likelihood parameters. */
    public PpcaParameters parameters() {
        return parameters;
    }

    /** The eigenvalues of the sample covariance, in decreasing order (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The maximum-likelihood σ². */
    public double noiseVariance() {
        return parameters.noiseVariance();
    }

    /** The mean log-likelihood of the rows of {@code data} ([M, D]) under the solution. */
    public double logLikelihoodPerPoint(HostArray data) {
        return parameters.meanLogLikelihood(data);
    }
}
