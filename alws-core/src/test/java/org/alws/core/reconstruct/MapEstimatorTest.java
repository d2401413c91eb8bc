package org.alws.core.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.alws.api.DataException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Beta;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Gamma;
import org.alws.api.dist.Normal;
import org.alws.api.dist.Uniform;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MAP reconstruction against closed-form modes in float64: a linear-Gaussian model (real latents), and scalar
 * latents on a box, the unit interval and the positive half-line observed through x ~ N(z, σ²), whose modes in z
 * (not in the unconstrained u: no Jacobian) solve simple equations. Also: batching does not change the estimates,
 * the parameters are left alone, and discrete latents or misshapen data are one-line errors.
 */
class MapEstimatorTest {
    private static final MapOptions LONG = new MapOptions(3000, 0.05, 1000);
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Parameters parameters() {
        return new Parameters(ws, SeedStream.root(1).child("init"), "model/");
    }

    private static final double[] W = {0.8, -0.5, 1.2, 0.3, 0.9, -0.7};
    private static final double[] MU = {0.1, -0.2, 0.4};
    private static final double SIGMA = 0.6;

    /** z ~ N(0, I_2), x ~ N(z W + μ, σ² I_3). */
    private static final GenerativeModel LINEAR_GAUSSIAN = t -> {
        Tensor w = t.param("W", Shape.of(2, 3), Initializer.values(W));
        Tensor mu = t.param("mu", Shape.of(3), Initializer.values(MU));
        Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 2)), 1.0));
        t.observe("x", Normal.of(z.matmul(w).add(mu), SIGMA));
    };

    @Test
    void realLatentsReachTheLinearGaussianPosteriorMode() {
        double[] x = {0.5, 1.0, -0.3, -1.2, 0.4, 2.0, 0.0, 0.0, 0.0};
        MapEstimate e = new MapEstimator(ws, LINEAR_GAUSSIAN, parameters(), LONG)
                .estimate(HostArray.of(Shape.of(3, 3), x));
        double[] z = e.latents().get("z").doubles();
        double[] rec = e.reconstruction().doubles();
        // Mode: (W Wᵀ/σ² + I) ẑ = W (x − μ)/σ², a 2×2 system.
        double s2 = SIGMA * SIGMA;
        double a11 = 1 + (W[0] * W[0] + W[1] * W[1] + W[2] * W[2]) / s2;
        double a22 = 1 + (W[3] * W[3] + W[4] * W[4] + W[5] * W[5]) / s2;
        double a12 = (W[0] * W[3] + W[1] * W[4] + W[2] * W[5]) / s2;
        for (int n = 0; n < 3; n++) {
            double r1 = 0;
            double r2 = 0;
            for (int d = 0; d < 3; d++) {
                r1 += W[d] * (x[3 * n + d] - MU[d]) / s2;
                r2 += W[3 + d] * (x[3 * n + d] - MU[d]) / s2;
            }
            double det = a11 * a22 - a12 * a12;
            double z1 = (a22 * r1 - a12 * r2) / det;
            double z2 = (a11 * r2 - a12 * r1) / det;
            assertThat(z[2 * n]).as("ẑ1 of example %d", n).isCloseTo(z1, within(1e-5));
            assertThat(z[2 * n + 1]).as("ẑ2 of example %d", n).isCloseTo(z2, within(1e-5));
            for (int d = 0; d < 3; d++) {
                assertThat(rec[3 * n + d]).as("E[x | ẑ] of example %d, element %d", n, d)
                        .isCloseTo(z1 * W[d] + z2 * W[3 + d] + MU[d], within(1e-5));
            }
            double logJoint = -0.5 * (z1 * z1 + z2 * z2) - Math.log(2 * Math.PI);
            for (int d = 0; d < 3; d++) {
                double r = (x[3 * n + d] - rec[3 * n + d]) / SIGMA;
                logJoint += -0.5 * r * r - Math.log(SIGMA) - 0.5 * Math.log(2 * Math.PI);
            }
            assertThat(e.logJoint()[n]).as("log p(x, ẑ) of example %d", n).isCloseTo(logJoint, within(1e-8));
        }
    }

    /** A scalar latent with the given prior, observed through x ~ N(z, σ²). */
    private static GenerativeModel scalar(java.util.function.Function<Tensor, org.alws.api.dist.Distribution> prior,
            double sigma) {
        return t -> {
            Tensor ones = t.ops().ones(Shape.of(t.batchSize(), 1));
            Tensor z = t.sample("z", prior.apply(ones));
            t.observe("x", Normal.of(z, sigma));
        };
    }

    private double[] modes(GenerativeModel model, double... x) {
        return new MapEstimator(ws, model, parameters(), LONG).estimate(HostArray.of(Shape.of(x.length, 1), x))
                .latents().get("z").doubles();
    }

    /** The root of a decreasing function on (lo, hi), by bisection. */
    private static double root(DoubleUnaryOperator f, double lo, double hi) {
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (f.applyAsDouble(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void uniformBoxLatentsReachTheModeInZNotInTheLogit() {
        // Under U(-2, 3) the posterior mode is x itself inside the box (a Jacobian would pull it to the middle)
        // and the nearer end outside it.
        double[] z = modes(scalar(ones -> Uniform.of(ones.mul(-2.0), ones.mul(3.0)), 0.3), -1.7, 0.2, 2.6, 4.5);
        assertThat(z[0]).isCloseTo(-1.7, within(1e-5));
        assertThat(z[1]).isCloseTo(0.2, within(1e-5));
        assertThat(z[2]).isCloseTo(2.6, within(1e-5));
        // Beyond the box the ascent approaches the end, ever more slowly as sigmoid'(u) vanishes.
        assertThat(z[3]).as("mode beyond the box's upper end").isBetween(2.99, 3.0);
    }

    @Test
    void unitIntervalAndPositiveLatentsReachTheirClosedFormModes() {
        double s = 0.2;
        double[] beta = modes(scalar(ones -> Beta.of(ones.mul(2.0), ones.mul(3.0)), s), 0.1, 0.5, 0.95);
        double[] xs = {0.1, 0.5, 0.95};
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            // d/dz [log Beta(z; 2, 3) − (x − z)²/2σ²] = 1/z − 2/(1 − z) + (x − z)/σ².
            double mode = root(z -> 1 / z - 2 / (1 - z) + (x - z) / (s * s), 1e-12, 1 - 1e-12);
            assertThat(beta[i]).as("Beta(2, 3) mode at x = %s", x).isCloseTo(mode, within(1e-5));
        }
        double[] gamma = modes(scalar(ones -> Gamma.of(ones.mul(3.0), ones.mul(1.0)), 0.5), 0.2, 2.0);
        double[] gx = {0.2, 2.0};
        for (int i = 0; i < gx.length; i++) {
            // 2/z − 1 + (x − z)/σ² = 0, i.e. −z²/σ² + (x/σ² − 1) z + 2 = 0.
            double b = gx[i] / 0.25 - 1;
            double mode = (b + Math.sqrt(b * b + 8 / 0.25)) / (2 / 0.25);
            assertThat(gamma[i]).as("Gamma(3, 1) mode at x = %s", gx[i]).isCloseTo(mode, within(1e-5));
        }
    }

    @Test
    void batchesDoNotChangeTheEstimatesAndParametersAreLeftAlone() {
        double[] x = new double[7 * 3];
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        HostArray data = HostArray.of(Shape.of(7, 3), x);
        Parameters p = parameters();
        MapEstimate whole = new MapEstimator(ws, LINEAR_GAUSSIAN, p, new MapOptions(200, 0.05, 100)).estimate(data);
        Map<String, HostArray> before = p.values();
        MapEstimate pieces = new MapEstimator(ws, LINEAR_GAUSSIAN, p, new MapOptions(200, 0.05, 3)).estimate(data);
        assertThat(p.values()).isEqualTo(before);
        assertThat(pieces.reconstruction().shape()).isEqualTo(Shape.of(7, 3));
        assertThat(pieces.latents().get("z").shape()).isEqualTo(Shape.of(7, 2));
        assertThat(pieces.reconstruction().doubles()).containsExactly(whole.reconstruction().doubles(),
                within(1e-12));
        assertThat(pieces.logJoint()).containsExactly(whole.logJoint(), within(1e-10));
    }

    @Test
    void discreteLatentsAndMisshapenDataAreOneLineErrors() {
        GenerativeModel discrete = t -> {
            Tensor c = t.sample("c", Categorical.ofLogits(t.ops().zeros(Shape.of(t.batchSize(), 3))));
            t.observe("x", Normal.of(c.cast(t.ops().floatType()), 1.0));
        };
        assertThatThrownBy(() -> new MapEstimator(ws, discrete, parameters(), LONG))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessage("MAP reconstruction needs continuous latents; site 'c' is Categorical (CATEGORICAL)");
        MapEstimator e = new MapEstimator(ws, LINEAR_GAUSSIAN, parameters(), LONG);
        assertThatThrownBy(() -> e.estimate(HostArray.of(Shape.of(2, 4), new double[8])))
                .isInstanceOf(DataException.class)
                .hasMessage("MAP reconstruction: the data have shape [2, 4]; the model's observed site 'x' needs [M] "
                        + "+ [3]");
        assertThatThrownBy(() -> e.estimate(HostArray.of(Shape.of(1, 3), new double[] {0, Double.NaN, 0})))
                .isInstanceOf(DataException.class)
                .hasMessage("MAP reconstruction: the data hold a value that is not finite");
    }
}
