package org.alws.models.np;

import java.util.Map;
import org.alws.api.tensor.HostArray;

/**
 * The neural process's encoder and decoder computed by hand in Java from its parameter values, for checking what the
 * model computes in its workspace.
 */
final class HostNetworks {
    private final Map<String, HostArray> values;

    HostNetworks(Map<String, HostArray> values) {
        this.values = values;
    }

    /** {μ, σ} of p(z | pairs) for the pairs (xs_i, ys_i). */
    double[][] latent(double[] xs, double[] ys) {
        double[] pooled = null;
        for (int i = 0; i < xs.length; i++) {
            double[] h = relu(dense("encoder/", "0", new double[] {xs[i], ys[i]}));
            h = relu(dense("encoder/", "1", h));
            h = dense("encoder/", "2", h);
            if (pooled == null) {
                pooled = new double[h.length];
            }
            for (int j = 0; j < h.length; j++) {
                pooled[j] += h[j] / xs.length;
            }
        }
        double[] loc = dense("encoder/", "Loc", pooled);
        double[] scale = dense("encoder/", "Scale", pooled);
        for (int j = 0; j < scale.length; j++) {
            scale[j] = 0.1 + 0.9 / (1 + Math.exp(-scale[j]));
        }
        return new double[][] {loc, scale};
    }

    /** {μ_y, σ_y} of p(y | x, z). */
    double[] observation(double x, double[] z) {
        double[] in = new double[1 + z.length];
        in[0] = x;
        System.arraycopy(z, 0, in, 1, z.length);
        double[] h = in;
        for (int i = 0; i < 3; i++) {
            h = relu(dense("decoder/", String.valueOf(i), h));
        }
        double[] out = dense("decoder/", "Out", h);
        return new double[] {out[0], 0.1 + 0.9 * Math.log1p(Math.exp(out[1]))};
    }

    /** log N(v; loc, scale²). */
    static double logNormal(double v, double loc, double scale) {
        double u = (v - loc) / scale;
        return -0.5 * u * u - Math.log(scale) - 0.5 * Math.log(2 * Math.PI);
    }

    private double[] dense(String net, String layer, double[] in) {
        HostArray w = values.get(net + "w" + layer);
        double[] weights = w.doubles();
        double[] out = values.get(net + "b" + layer).doubles().clone();
        int units = Math.toIntExact(w.shape().dim(1));
        if (w.shape().dim(0) != in.length) {
            throw new IllegalArgumentException(net + "w" + layer + " has shape " + w.shape() + ", input " + in.length);
        }
        for (int i = 0; i < in.length; i++) {
            for (int j = 0; j < units; j++) {
                out[j] += in[i] * weights[i * units + j];
            }
        }
        return out;
    }

    private static double[] relu(double[] h) {
        double[] out = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = Math.max(0, h[i]);
        }
        return out;
    }
}
