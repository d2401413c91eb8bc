package org.alws.examples.ppca;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Values of the probabilistic PCA parameters on the host: the loading matrix W (k×D, row-major), the mean μ (D) and
 * log σ. The marginal of x is N(μ, C) with C = WᵀW + σ² I. Immutable.
 */
public final class PpcaParameters {
    /** The local names of the model's parameters. */
    public static final String W = "W";
    /** The mean's name. */
    public static final String MU = "mu";
    /** The log noise standard deviation's name. */
    public static final String LOG_SIGMA = "logSigma";

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int latent;
    private final int dim;
    private final double[] w;
    private final double[] mu;
    private final double logSigma;

    /**
     * @param latent k, the number of latent dimensions
     * @param dim D, the data dimension
     * @param w the k×D loading matrix, row-major
     * @param mu the mean, of length D
     * @param logSigma the log of the noise standard deviation
     * @throws IllegalArgumentException if the lengths do not match or a value is not finite
     */
    public PpcaParameters(int latent, int dim, double[] w, double[] mu, double logSigma) {
        if (latent < 1 || dim < 1) {
            throw new IllegalArgumentException("ppca parameters: got latent=" + latent + ", dim=" + dim
                    + ", expected both >= 1");
        }
        if (w.length != latent * dim) {
            throw new IllegalArgumentException("ppca parameter 'W': got " + w.length + " values, expected "
                    + latent + "x" + dim + " = " + latent * dim);
        }
        if (mu.length != dim) {
            throw new IllegalArgumentException("ppca parameter 'mu': got " + mu.length + " values, expected " + dim);
        }
        this.latent = latent;
        this.dim = dim;
        this.w = w.clone();
        this.mu = mu.clone();
        this.logSigma = logSigma;
        if (!HostArray.vector(this.w).allFinite() || !HostArray.vector(this.mu).allFinite()
                || !Double.isFinite(logSigma)) {
            throw new IllegalArgumentException("ppca parameters: got non-finite values; expected finite numbers");
        }
    }

    /**
     * Reads the model's parameters from a map keyed by their local names ({@code W} [k, D], {@code mu} [D],
     * {@code logSigma} []), as passed to {@link org.alws.api.model.ExactLikelihood}.
     *
     * @throws IllegalArgumentException naming a missing parameter or one of the wrong shape
     */
    public static PpcaParameters fromMap(Map<String, HostArray> parameters, int latent, int dim) {
        return new PpcaParameters(latent, dim, get(parameters, W, Shape.of(latent, dim)),
                get(parameters, MU, Shape.of(dim)), get(parameters, LOG_SIGMA, Shape.scalar())[0]);
    }

    private static double[] get(Map<String, HostArray> parameters, String name, Shape shape) {
        HostArray a = parameters.get(name);
        if (a == null) {
            throw new IllegalArgumentException("parameters: no '" + name + "' among " + parameters.keySet());
        }
        if (!a.shape().equals(shape)) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "': got shape " + a.shape() + ", expected " + shape);
        }
        return a.doubles();
    }

    /** The parameters as FLOAT64 host arrays keyed by the model's local names. */
    public Map<String, HostArray> toMap() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put(W, HostArray.of(Shape.of(latent, dim), w.clone()));
        m.put(MU, HostArray.of(Shape.of(dim), mu.clone()));
        m.put(LOG_SIGMA, HostArray.scalar(logSigma));
        return m;
    }

    /** k. */
    public int latent() {
        return latent;
    }

    /** D. */
    public int dim() {
        return dim;
    }

    /** W, k×D row-major (a copy). */
    public double[] w() {
        return w.clone();
    }

    /** μ (a copy). */
    public double[] mu() {
        return mu.clone();
    }

    /** log σ. */
    public double logSigma() {
        return logSigma;
    }

    /** σ². */
    public double noiseVariance() {
        return Math.exp(2 * logSigma);
    }

    /** WᵀW, D×D row-major: the part of the covariance explained by the latents (invariant to rotations of z). */
    public double[] gram() {
        double[] g = new double[dim * dim];
        for (int l = 0; l < latent; l++) {
            for (int i = 0; i < dim; i++) {
                double wi = w[l * dim + i];
                for (int j = 0; j < dim; j++) {
                    g[i * dim + j] += wi * w[l * dim + j];
                }
            }
        }
        return g;
    }

    /** C = WᵀW + σ² I, D×D row-major. */
    public double[] covariance() {
        double[] c = gram();
        double s2 = noiseVariance();
        for (int i = 0; i < dim; i++) {
            c[i * dim + i] += s2;
        }
        return c;
    }

    /** log N(x_m; μ, C) for every row of {@code data} ([M, D]). */
    public double[] logLikelihood(HostArray data) {
        double[] x = rows(data);
        int m = x.length / dim;
        double[] l = LinearAlgebra.cholesky(covariance(), dim);
        double constant = -0.5 * (dim * LOG_2PI + LinearAlgebra.logDeterminant(l, dim));
        double[] out = new double[m];
        double[] r = new double[dim];
        for (int n = 0; n < m; n++) {
            for (int i = 0; i < dim; i++) {
                r[i] = x[n * dim + i] - mu[i];
            }
            double[] y = LinearAlgebra.forward(l, dim, r);
            double q = 0;
            for (double v : y) {
                q += v * v;
            }
            out[n] = constant - 0.5 * q;
        }
        return out;
    }

    /** The mean of {@link #logLikelihood} over the rows of {@code data}. */
    public double meanLogLikelihood(HostArray data) {
        double[] l = logLikelihood(data);
        double s = 0;
        for (double v : l) {
            s += v;
        }
        return s / l.length;
    }

    /** {@code n} draws x = Wᵀz + μ + σε with z ~ N(0, I_k), ε ~ N(0, I_D), as an [n, D] FLOAT64 array. */
    public HostArray sample(int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("ppca sample: got n=" + n + ", expected n >= 0");
        }
        double sigma = Math.exp(logSigma);
        double[] out = new double[n * dim];
        double[] z = new double[latent];
        for (int row = 0; row < n; row++) {
            for (int l = 0; l < latent; l++) {
                z[l] = random.nextGaussian();
            }
            for (int i = 0; i < dim; i++) {
                double v = mu[i] + sigma * random.nextGaussian();
                for (int l = 0; l < latent; l++) {
                    v += z[l] * w[l * dim + i];
                }
                out[row * dim + i] = v;
            }
        }
        return HostArray.of(Shape.of(n, dim), out);
    }

    /** The row-major values of data of shape [M, D], checked. */
    double[] rows(HostArray data) {
        Shape s = data.shape();
        if (s.rank() != 2 || s.dim(1) != dim || !data.dtype().isFloating()) {
            throw new IllegalArgumentException("data: got " + data.dtype() + s + ", expected a floating array of "
                    + "shape [M, " + dim + "]");
        }
        return data.doubles();
    }
}
