package org.alws.tensorflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The hand-built VAE graph computes the negative ELBO it documents (checked against an independent host computation
 * in float64 from its own weights and ε), and its Adam steps lower the loss on a fixed batch and ε.
 */
class HandBuiltVaeTest {
    private static final HandBuiltVae.Adam ADAM = new HandBuiltVae.Adam(1e-2, 0.9, 0.999, 1e-8);

    private static HandBuiltVae.Architecture small(boolean gaussian, boolean relu) {
        return new HandBuiltVae.Architecture(6, 3, 5, 1, relu, 4, 2, !relu, gaussian, -0.3, 7);
    }

    private static HostArray binary(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextBoolean() ? 1 : 0;
        }
        return HostArray.of(Shape.of(rows, cols), v);
    }

    @Test
    void theBernoulliLossIsTheNegativeElboComputedOnTheHost() {
        checkAgainstHost(small(false, true));
    }

    @Test
    void theGaussianLossIsTheNegativeElboComputedOnTheHost() {
        checkAgainstHost(small(true, false));
    }

    private static void checkAgainstHost(HandBuiltVae.Architecture arch) {
        WorkspaceOptions options = WorkspaceOptions.defaults().withFloatType(DType.FLOAT64);
        HostArray x = binary(arch.batch(), arch.pixels(), 3);
        try (HandBuiltVae vae = HandBuiltVae.open(arch, ADAM, options, 11)) {
            Map<String, HostArray> p = vae.parameters();
            HostArray eps = vae.noise(5, 0);
            double expected = hostLoss(arch, p, eps, x);
            assertThat(vae.loss(x, 5, 0)).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
            // The step reports the loss before its update, then changes the parameters.
            assertThat(vae.step(x, 5, 0)).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
            assertThat(vae.parameters().get("decoder/out/w").doubles())
                    .isNotEqualTo(p.get("decoder/out/w").doubles());
        }
    }

    @Test
    void stepsOnAFixedBatchAndNoiseLowerTheLoss() {
        HandBuiltVae.Architecture arch = new HandBuiltVae.Architecture(12, 2, 8, 1, true, 8, 1, true, false, 0,
                10);
        HostArray x = binary(10, 12, 4).cast(DType.FLOAT32);
        try (HandBuiltVae vae = HandBuiltVae.open(arch, ADAM, WorkspaceOptions.defaults(), 1)) {
            double first = vae.step(x, 9, 0);
            double previous = first;
            int decreases = 0;
            for (int i = 0; i < 100; i++) {
                double l = vae.step(x, 9, 0);
                decreases += l < previous ? 1 : 0;
                previous = l;
            }
            assertThat(Double.isFinite(previous)).isTrue();
            assertThat(previous).isLessThan(first - 1.0);
            assertThat(decreases).isGreaterThan(90);
            // ε depends on the step index and the seed only.
            assertThat(vae.noise(9, 0).floats()).containsExactly(vae.noise(9, 0).floats());
            assertThat(vae.noise(9, 1).floats()).isNotEqualTo(vae.noise(9, 0).floats());
        }
    }

    @Test
    void aBatchOfTheWrongShapeIsRefusedAndCloseIsIdempotent() {
        HandBuiltVae vae = HandBuiltVae.open(small(false, true), ADAM, WorkspaceOptions.defaults(), 1);
        assertThatThrownBy(() -> vae.step(binary(3, 6, 1), 0, 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch");
        vae.close();
        vae.close();
        assertThatThrownBy(() -> vae.loss(binary(7, 6, 1), 0, 0)).isInstanceOf(IllegalStateException.class);
    }

    // ---- the objective on the host, in float64 ----

    private static double[][] matrix(HostArray a) {
        int r = Math.toIntExact(a.shape().dim(0));
        int c = Math.toIntExact(a.shape().dim(1));
        double[] v = a.doubles();
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(v, i * c, m[i], 0, c);
        }
        return m;
    }

    private static double[][] dense(double[][] x, Map<String, HostArray> p, String prefix) {
        double[][] w = matrix(p.get(prefix + "/w"));
        double[] b = p.get(prefix + "/b").doubles();
        double[][] out = new double[x.length][b.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = b[j];
                for (int k = 0; k < w.length; k++) {
                    s += x[i][k] * w[k][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static double[][] mlp(double[][] x, Map<String, HostArray> p, String prefix, int layers,
            boolean relu) {
        double[][] h = x;
        for (int l = 0; l < layers; l++) {
            h = dense(h, p, prefix + "/" + l);
            for (double[] row : h) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = relu ? Math.max(0, row[j]) : Math.tanh(row[j]);
                }
            }
        }
        return h;
    }

    private static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    static double hostLoss(HandBuiltVae.Architecture a, Map<String, HostArray> p, HostArray noise, HostArray data) {
        double[][] x = matrix(data);
        double[][] eps = matrix(noise);
        double[][] h = mlp(x, p, "encoder", a.encoderLayers(), a.encoderRelu());
        double[][] mu = dense(h, p, "encoder/loc");
        double[][] rho = dense(h, p, "encoder/scale");
        double total = 0;
        double[][] z = new double[x.length][a.latent()];
        double[] kl = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < a.latent(); j++) {
                double sigma = softplus(rho[i][j]) + 1e-5;
                z[i][j] = mu[i][j] + sigma * eps[i][j];
                kl[i] += -Math.log(sigma) + 0.5 * (sigma * sigma + mu[i][j] * mu[i][j]) - 0.5;
            }
        }
        double[][] out = dense(mlp(z, p, "decoder", a.decoderLayers(), a.decoderRelu()), p, "decoder/out");
        for (int i = 0; i < x.length; i++) {
            double nll = 0;
            for (int d = 0; d < a.pixels(); d++) {
                if (a.gaussian()) {
                    double logSigma = p.get("logSigma").doubles()[0];
                    double u = (x[i][d] - out[i][d]) / Math.exp(logSigma);
                    nll += 0.5 * u * u + logSigma + 0.5 * Math.log(2 * Math.PI);
                } else {
                    nll -= x[i][d] * out[i][d] - softplus(out[i][d]);
                }
            }
            total += nll + kl[i];
        }
        return total / x.length;
    }
}
