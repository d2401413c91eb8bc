package org.alws.models.mixture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Values of the Gaussian mixture's parameters on the host, with its exact numerics in float64: the mixing logits
 * (K), the component means (K×D, row-major) and the log standard deviations (K×D, row-major). With
 * π = softmax(logits), σ = exp(logScales) and the per-component log joint
 *
 * <pre>
 *   a_k(x) = log π_k + Σ_d log N(x_d; μ_kd, σ_kd²),
 * </pre>
 *
 * the marginal is log p(x) = logsumexp_k a_k(x), the responsibilities are r_k(x) = softmax_k a_k(x), and the score
 * (Fisher's identity, exact because z is summed out) is
 *
 * <pre>
 *   ∂/∂logits_k = r_k − π_k,   ∂/∂μ_kd = r_k (x_d − μ_kd) / σ_kd²,   ∂/∂logσ_kd = r_k ((x_d − μ_kd)² / σ_kd² − 1).
 * </pre>
 *
 * <p>Immutable; the same values the model reads from its variables ({@link #toMap()} and {@link #fromMap}).
 */
public final class GaussianMixtureParameters {
    /** The local name of the mixing logits, shape [K]. */
    public static final String LOGITS = "logits";
    /** The local name of the component means, shape [K, D]. */
    public static final String MEANS = "means";
    /** The local name of the component log standard deviations, shape [K, D]. */
    public static final String LOG_SCALES = "logScales";

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int components;
    private final int dimension;
    private final double[] logits;
    private final double[] means;
    private final double[] logScales;
    /** log π_k, normalised. */
    private final double[] logWeights;
    /** 1 / σ_kd. */
    private final double[] inverseScales;
    /** log π_k − Σ_d (log σ_kd + ½ log 2π): a_k(x) without its quadratic term. */
    private final double[] offsets;

    /** Joint draws from the mixture: the component of every example and the examples themselves, [n, D]. */
    public record Sample(int[] components, HostArray data) {
    }

    /**
     * @param components K (&gt;= 1)
     * @param dimension D (&gt;= 1)
     * @param logits the K mixing logits (any finite values; only their differences matter)
     * @param means the K×D means, row-major
     * @param logScales the K×D log standard deviations, row-major
     * @throws IllegalArgumentException if a size does not match or a value is not finite
     */
    public GaussianMixtureParameters(int components, int dimension, double[] logits, double[] means,
            double[] logScales) {
        if (components < 1 || dimension < 1) {
            throw new IllegalArgumentException("gaussian-mixture parameters: got components=" + components
                    + ", dimension=" + dimension + ", expected both >= 1");
        }
        this.components = components;
        this.dimension = dimension;
        this.logits = checked(LOGITS, logits, components, "" + components);
        this.means = checked(MEANS, means, components * dimension, components + "x" + dimension);
        this.logScales = checked(LOG_SCALES, logScales, components * dimension, components + "x" + dimension);
        double normaliser = logSumExp(this.logits);
        logWeights = new double[components];
        inverseScales = new double[components * dimension];
        offsets = new double[components];
        for (int k = 0; k < components; k++) {
            logWeights[k] = this.logits[k] - normaliser;
            double c = logWeights[k];
            for (int d = 0; d < dimension; d++) {
                int i = k * dimension + d;
                inverseScales[i] = Math.exp(-this.logScales[i]);
                c -= this.logScales[i] + HALF_LOG_2PI;
            }
            offsets[k] = c;
        }
    }

    private static double[] checked(String name, double[] values, int length, String shape) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException("gaussian-mixture parameter '" + name + "': got "
                    + (values == null ? "null" : values.length + " values") + ", expected " + shape + " = " + length);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("gaussian-mixture parameter '" + name
                        + "': got a non-finite value " + v + ", expected finite numbers");
            }
        }
        return values.clone();
    }

    /**
     * The parameters from mixing weights (positive, normalised here), means and standard deviations (positive).
     *
     * @throws IllegalArgumentException if a size does not match or a weight or scale is not a positive finite number
     */
    public static GaussianMixtureParameters ofWeights(int components, int dimension, double[] weights,
            double[] means, double[] scales) {
        double[] logits = logsOfPositive("weights", weights);
        double[] logScales = logsOfPositive("scales", scales);
        return new GaussianMixtureParameters(components, dimension, logits, means, logScales);
    }

    private static double[] logsOfPositive(String name, double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("gaussian-mixture " + name + ": element " + i + " is " + values[i]
                        + ", expected a finite number > 0");
            }
            out[i] = Math.log(values[i]);
        }
        return out;
    }

    /**
     * Reads the model's parameters from a map keyed by their local names ({@code logits} [K], {@code means} [K, D],
     * {@code logScales} [K, D]), as passed to {@link org.alws.api.model.ExactLikelihood}; FLOAT32 values are
     * widened.
     *
     * @throws IllegalArgumentException naming a missing parameter or one of the wrong shape
     */
    public static GaussianMixtureParameters fromMap(Map<String, HostArray> parameters, int components,
            int dimension) {
        return new GaussianMixtureParameters(components, dimension,
                get(parameters, LOGITS, Shape.of(components)),
                get(parameters, MEANS, Shape.of(components, dimension)),
                get(parameters, LOG_SCALES, Shape.of(components, dimension)));
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

    /** The parameters as FLOAT64 host arrays keyed by the model's local names, in the model's order. */
    public Map<String, HostArray> toMap() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put(LOGITS, HostArray.of(Shape.of(components), logits.clone()));
        m.put(MEANS, HostArray.of(Shape.of(components, dimension), means.clone()));
        m.put(LOG_SCALES, HostArray.of(Shape.of(components, dimension), logScales.clone()));
        return m;
    }

    /** K. */
    public int components() {
        return components;
    }

    /** D. */
    public int dimension() {
        return dimension;
    }

    /** The mixing logits. */
    public double[] logits() {
        return logits.clone();
    }

    /** The mixing weights π = softmax(logits). */
    public double[] weights() {
        double[] w = new double[components];
        for (int k = 0; k < components; k++) {
            w[k] = Math.exp(logWeights[k]);
        }
        return w;
    }

    /** The means, K×D row-major. */
    public double[] means() {
        return means.clone();
    }

    /** The log standard deviations, K×D row-major. */
    public double[] logScales() {
        return logScales.clone();
    }

    /** The standard deviations σ = exp(logScales), K×D row-major. */
    public double[] scales() {
        double[] s = new double[logScales.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.exp(logScales[i]);
        }
        return s;
    }

    /** log p(x_m) for every row of {@code data} ([M, D], floating). */
    public double[] logLikelihood(HostArray data) {
        double[] x = rows(data);
        int m = x.length / dimension;
        double[] a = new double[components];
        double[] out = new double[m];
        for (int n = 0; n < m; n++) {
            componentLogJoints(x, n, a);
            out[n] = logSumExp(a);
        }
        return out;
    }

    /** The average of {@link #logLikelihood} over the rows of {@code data}: the held-out log-likelihood per point. */
    public double meanLogLikelihood(HostArray data) {
        double[] ll = logLikelihood(data);
        double sum = 0;
        for (double v : ll) {
            sum += v;
        }
        return sum / ll.length;
    }

    /** The posterior p(z = k | x_m) of every component for every row, [M, K] row-major; each row sums to one. */
    public HostArray responsibilities(HostArray data) {
        double[] x = rows(data);
        int m = x.length / dimension;
        double[] a = new double[components];
        double[] out = new double[m * components];
        for (int n = 0; n < m; n++) {
            componentLogJoints(x, n, a);
            softmaxInto(a, out, n * components);
        }
        return HostArray.of(Shape.of(m, components), out);
    }

    /**
     * The exact score ∇θ log p(x_m) of every row: {@code logits} [M, K], {@code means} [M, K, D] and
     * {@code logScales} [M, K, D], FLOAT64, in the model's order.
     */
    public Map<String, HostArray> score(HostArray data) {
        double[] x = rows(data);
        int m = x.length / dimension;
        int kd = components * dimension;
        double[] a = new double[components];
        double[] r = new double[components];
        double[] gLogits = new double[m * components];
        double[] gMeans = new double[m * kd];
        double[] gLogScales = new double[m * kd];
        for (int n = 0; n < m; n++) {
            componentLogJoints(x, n, a);
            softmaxInto(a, r, 0);
            for (int k = 0; k < components; k++) {
                gLogits[n * components + k] = r[k] - Math.exp(logWeights[k]);
                for (int d = 0; d < dimension; d++) {
                    int i = k * dimension + d;
                    double u = (x[n * dimension + d] - means[i]) * inverseScales[i]; // standardised residual
                    gMeans[n * kd + i] = r[k] * u * inverseScales[i];
                    gLogScales[n * kd + i] = r[k] * (u * u - 1);
                }
            }
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put(LOGITS, HostArray.of(Shape.of(m, components), gLogits));
        out.put(MEANS, HostArray.of(Shape.of(m, components, dimension), gMeans));
        out.put(LOG_SCALES, HostArray.of(Shape.of(m, components, dimension), gLogScales));
        return out;
    }

    /**
     * {@code n} independent joint draws. Each draw consumes, in order, one uniform (the component, by inverting the
     * cumulative weights) and D standard normals from {@code random}, so the data are a pure function of its seed.
     */
    public Sample sample(int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("sample size: got " + n + ", expected >= 0");
        }
        double[] cumulative = new double[components];
        double total = 0;
        for (int k = 0; k < components; k++) {
            total += Math.exp(logWeights[k]);
            cumulative[k] = total;
        }
        int[] z = new int[n];
        double[] x = new double[n * dimension];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * total;
            int k = 0;
            while (k < components - 1 && u >= cumulative[k]) {
                k++;
            }
            z[i] = k;
            for (int d = 0; d < dimension; d++) {
                int j = k * dimension + d;
                x[i * dimension + d] = means[j] + Math.exp(logScales[j]) * random.nextGaussian();
            }
        }
        return new Sample(z, HostArray.of(Shape.of(n, dimension), x));
    }

    /** The log joints a_k(x) of row {@code n} of {@code x}, written into {@code out}. */
    private void componentLogJoints(double[] x, int n, double[] out) {
        for (int k = 0; k < components; k++) {
            double q = 0;
            for (int d = 0; d < dimension; d++) {
                int i = k * dimension + d;
                double u = (x[n * dimension + d] - means[i]) * inverseScales[i];
                q += u * u;
            }
            out[k] = offsets[k] - 0.5 * q;
        }
    }

    /** The rows of {@code data}, which must be a floating [M, D] array with M &gt;= 1. */
    double[] rows(HostArray data) {
        Shape s = data.shape();
        if (s.rank() != 2 || s.dim(1) != dimension || s.dim(0) < 1 || !data.dtype().isFloating()) {
            throw new IllegalArgumentException("data: got " + data.dtype() + s + ", expected a floating array of "
                    + "shape [M, " + dimension + "] with M >= 1");
        }
        return data.doubles();
    }

    /** log Σ exp(a), exact for any finite values (the largest is factored out). */
    static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (double v : a) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** softmax(a) written into {@code out} from {@code offset}. */
    private static void softmaxInto(double[] a, double[] out, int offset) {
        double l = logSumExp(a);
        for (int k = 0; k < a.length; k++) {
            out[offset + k] = Math.exp(a[k] - l);
        }
    }

    @Override
    public String toString() {
        return "GaussianMixtureParameters[K=" + components + ", D=" + dimension + "]";
    }
}
