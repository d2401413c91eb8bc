package org.alws.models.pinwheel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * The parameters of a {@link PinwheelModel} on the host, in float64, with the model's MLP as a
 * {@link PinwheelLikelihood.MeanFunction} and its held-out likelihood estimator.
 *
 * @param components K
 * @param hidden H
 * @param values the parameters by local name: {@value #LOGITS} [K], {@value #MEANS} [K, 2], {@value #LOG_SCALES}
 *     [K, 2], {@value #W1} [2, H], {@value #B1} [H], {@value #W2} [H, 2], {@value #B2} [2], {@value #LOG_NOISE} [2]
 */
public record PinwheelParameters(int components, int hidden, Map<String, double[]> values) {
    /** The mixing logits, [K]. */
    public static final String LOGITS = "logits";
    /** The components' means, [K, 2]. */
    public static final String MEANS = "means";
    /** The components' log standard deviations, [K, 2]. */
    public static final String LOG_SCALES = "logScales";
    /** The MLP's first weights, [2, H]. */
    public static final String W1 = "mlp/w1";
    /** The MLP's first biases, [H]. */
    public static final String B1 = "mlp/b1";
    /** The MLP's second weights, [H, 2]. */
    public static final String W2 = "mlp/w2";
    /** The MLP's second biases, [2]. */
    public static final String B2 = "mlp/b2";
    /** The observation's log standard deviations, [2]. */
    public static final String LOG_NOISE = "logNoise";

    /** Copies the values. */
    public PinwheelParameters {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        values = Collections.unmodifiableMap(copy);
    }

    /** The shapes of the parameters of a model with K components and H hidden units, by local name. */
    public static Map<String, Shape> shapes(int components, int hidden) {
        int d = PinwheelModel.DIMENSION;
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put(LOGITS, Shape.of(components));
        m.put(MEANS, Shape.of(components, d));
        m.put(LOG_SCALES, Shape.of(components, d));
        m.put(W1, Shape.of(d, hidden));
        m.put(B1, Shape.of(hidden));
        m.put(W2, Shape.of(hidden, d));
        m.put(B2, Shape.of(d));
        m.put(LOG_NOISE, Shape.of(d));
        return m;
    }

    /**
     * Reads the parameters from a map keyed by local names (FLOAT32 values are widened).
     *
     * @throws IllegalArgumentException naming a missing parameter or one of the wrong shape
     */
    public static PinwheelParameters fromMap(Map<String, HostArray> parameters, int components, int hidden) {
        Map<String, double[]> values = new LinkedHashMap<>();
        shapes(components, hidden).forEach((name, shape) -> {
            HostArray a = parameters.get(name);
            if (a == null) {
                throw new IllegalArgumentException("pinwheel parameters: no '" + name + "' among "
                        + parameters.keySet());
            }
            if (!a.shape().equals(shape)) {
                throw new IllegalArgumentException("pinwheel parameter '" + name + "': got shape " + a.shape()
                        + ", expected " + shape);
            }
            values.put(name, a.doubles());
        });
        return new PinwheelParameters(components, hidden, values);
    }

    /** The parameters as FLOAT64 host arrays keyed by local name. */
    public Map<String, HostArray> toMap() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        shapes(components, hidden).forEach((name, shape) -> out.put(name, HostArray.of(shape, values.get(name))));
        return out;
    }

    /** The mixing weights π = softmax(logits). */
    public double[] weights() {
        double[] logits = values.get(LOGITS);
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double[] w = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.exp(logits[k] - max);
            sum += w[k];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** The model's MLP, y ↦ W₂ᵀ relu(W₁ᵀ y + b₁) + b₂. */
    public PinwheelLikelihood.MeanFunction mlp() {
        double[] w1 = values.get(W1);
        double[] b1 = values.get(B1);
        double[] w2 = values.get(W2);
        double[] b2 = values.get(B2);
        int d = PinwheelModel.DIMENSION;
        return (y, out) -> {
            System.arraycopy(b2, 0, out, 0, d);
            for (int j = 0; j < hidden; j++) {
                double a = b1[j];
                for (int i = 0; i < d; i++) {
                    a += y[i] * w1[i * hidden + j];
                }
                if (a > 0) {
                    for (int o = 0; o < d; o++) {
                        out[o] += a * w2[j * d + o];
                    }
                }
            }
        };
    }

    /** The estimator of this model's log p(x) with {@code samples} importance samples per point. */
    public PinwheelLikelihood likelihood(int samples) {
        return new PinwheelLikelihood(weights(), values.get(MEANS), exp(values.get(LOG_SCALES)), mlp(),
                exp(values.get(LOG_NOISE)), samples);
    }

    private static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i]);
        }
        return out;
    }
}
