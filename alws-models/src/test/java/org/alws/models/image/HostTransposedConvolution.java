package org.alws.models.image;

/** A plain-Java transposed convolution, the reference the decoders' tests check their graphs against. */
public final class HostTransposedConvolution {
    private HostTransposedConvolution() {
    }

    /**
     * The reference's transposed convolution: input [n, s, s, cin] (row-major), filter [4, 4, cout, cin]; each input
     * pixel (i, j) adds its filter-weighted values to the outputs (i·stride − pad + a, j·stride − pad + b) that fall
     * inside the (s − 1)·stride − 2·pad + 4 square.
     */
    public static double[] apply(double[] in, int n, int s, int cin, double[] w, int cout, int stride,
            int pad) {
        int o = (s - 1) * stride - 2 * pad + 4;
        double[] out = new double[n * o * o * cout];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    for (int a = 0; a < 4; a++) {
                        for (int b = 0; b < 4; b++) {
                            int y = i * stride - pad + a;
                            int x = j * stride - pad + b;
                            if (y < 0 || y >= o || x < 0 || x >= o) {
                                continue;
                            }
                            for (int co = 0; co < cout; co++) {
                                double sum = 0;
                                for (int ci = 0; ci < cin; ci++) {
                                    double v = in[((e * s + i) * s + j) * cin + ci];
                                    sum += v * w[((a * 4 + b) * cout + co) * cin + ci];
                                }
                                out[((e * o + y) * o + x) * cout + co] += sum;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
