package org.alws.core.regress;

import static org.alws.core.regress.RegressionFixture.flatten;
import static org.alws.core.regress.RegressionFixture.matrix;
import static org.alws.core.regress.RegressionFixture.multiply;
import static org.alws.core.regress.RegressionFixture.relativeError;
import static org.alws.core.regress.RegressionFixture.solve;
import static org.alws.core.regress.RegressionFixture.transpose;
import static org.alws.core.regress.RegressionFixture.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.config.OptionsBinder;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.kernel.MaternKernel;
import org.alws.core.kernel.PolynomialKernel;
import org.alws.core.kernel.PolynomialKernelOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random Fourier features: the smoother converges to exact kernel ridge regression's as D grows, ΦΦᵀ estimates K
 * itself (the √(2/D) scale), λ sits on the diagonal of ΦᵀΦ only (primal and dual agree with a plain-Java primal
 * solve), fresh or fixed features, and the errors of bad configurations.
 */
class RandomFeatureRegressorTest {
    private RegressionFixture fx;

    @BeforeEach
    void open() {
        fx = new RegressionFixture();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Weights [M, N] of {@code rff} fitted to xs at xq with context seed (a, b) and jitter 0. */
    private double[] weights(RandomFeatureRegressor rff, HostArray xs, HostArray xq, long a, long b) {
        return fx.run(List.of(xs, xq), (ops, in) -> List.of(rff.fit(in.get(0), fx.context(ops, a, b))
                .weights(in.get(1))))[0].doubles();
    }

    private double[] krrWeights(Kernel kernel, double ridge, String bandwidth, HostArray xs, HostArray xq) {
        KernelRidgeRegressor krr = new KernelRidgeRegressor(KernelRidgeOptions.of(ridge, bandwidth, 1, 256), kernel);
        return fx.run(List.of(xs, xq), (ops, in) -> List.of(krr.fit(in.get(0), fx.context(ops, 0, 0))
                .weights(in.get(1))))[0].doubles();
    }

    /**
     * N = 200 inputs in the square [−2, 2]², 20 queries, bandwidth 1, ridge 0.1, in float64: the relative Frobenius
     * error of the weights against exact KRR with the same kernel, averaged over two feature seeds, falls at each
     * tenfold increase of D, and by more than a factor 3 from 500 to 50,000 features (Monte Carlo error ∝ 1/√D), for
     * the Gaussian (normal frequencies), Laplace (Cauchy) and Matérn-3/2 (Student-t) kernels. Measured: Gaussian
     * 0.189, 0.094, 0.030; Laplace 1.08, 0.51, 0.17 (a rough kernel: KRR's weights are larger and the estimate of K
     * is no better, so the relative error is); Matérn-3/2 0.58, 0.30, 0.11.
     */
    @Test
    void theWeightsApproachExactKernelRidgeRegressionAsFeaturesGrow() {
        SplittableRandom r = new SplittableRandom(11);
        HostArray xs = uniform(r, 200, 2, -2, 2);
        HostArray xq = uniform(r, 20, 2, -2, 2);
        for (Kernel kernel : List.of(new GaussianKernel(), MaternKernel.laplace(), MaternKernel.matern32())) {
            double[] exact = krrWeights(kernel, 0.1, "1.0", xs, xq);
            double[] error = new double[3];
            int[] counts = {500, 5_000, 50_000};
            for (int i = 0; i < counts.length; i++) {
                RandomFeatureRegressor rff = new RandomFeatureRegressor(RandomFeatureOptions.defaults()
                        .withFeatures(counts[i]).withRidgeAndBandwidth(0.1, "1.0"), kernel);
                for (long seed = 1; seed <= 2; seed++) {
                    error[i] += relativeError(weights(rff, xs, xq, seed, 7), exact) / 2;
                }
            }
            assertThat(error[1]).as("%s: error with 5,000 features vs %s with 500", kernel, error[0])
                    .isLessThan(error[0]);
            assertThat(error[2]).as("%s: error with 50,000 features vs %s with 5,000", kernel, error[1])
                    .isLessThan(error[1]);
            // Monte Carlo error ∝ 1/√D: 100 times the features should divide it by about 10; ask for 3.
            assertThat(error[2]).as("%s: error with 50,000 features vs %s with 500", kernel, error[0])
                    .isLessThan(error[0] / 3);
        }
    }

    /** ΦΦᵀ with D = 40,000 estimates the Gram matrix (entries within 0.03, diagonal within 0.02 of 1), not D/2 · K. */
    @Test
    void theFeaturesEstimateTheGramMatrixItself() {
        SplittableRandom r = new SplittableRandom(12);
        HostArray xs = uniform(r, 15, 3, -1.5, 1.5);
        double sigma = 1.2;
        RandomFeatureRegressor rff = new RandomFeatureRegressor(RandomFeatureOptions.defaults().withFeatures(40_000)
                .withRidgeAndBandwidth(1.0, String.valueOf(sigma)), new GaussianKernel());
        HostArray phi = fx.run(List.of(xs), (ops, in) -> List.of(rff.fit(in.get(0), fx.context(ops, 3, 4))
                .features(in.get(0))))[0];
        assertThat(phi.shape()).isEqualTo(Shape.of(15, 40_000));
        double[][] f = matrix(phi.doubles(), 15, 40_000);
        double[][] estimate = multiply(f, transpose(f));
        double[][] k = RegressionFixture.gaussianGram(xs.doubles(), 15, xs.doubles(), 15, 3, sigma);
        for (int i = 0; i < 15; i++) {
            assertThat(estimate[i][i]).as("(ΦΦᵀ)_%d%d", i, i).isCloseTo(1.0, within(0.02));
            for (int j = 0; j < 15; j++) {
                assertThat(estimate[i][j]).as("(ΦΦᵀ)_%d%d vs k = %s", i, j, k[i][j]).isCloseTo(k[i][j], within(0.03));
            }
        }
    }

    /**
     * On 12 inputs, D = 5 (primal solve) and D = 20 (dual solve): the weights equal φ(X*)(ΦᵀΦ + λI)⁻¹Φᵀ solved in Java
     * from the regressor's own features, with the jitter added to λ; λ11ᵀ (the reference's ridge) gives other
     * weights.
     */
    @Test
    void theRidgeSitsOnTheDiagonalOfTheFeatureSystem() {
        SplittableRandom r = new SplittableRandom(13);
        HostArray xs = uniform(r, 12, 2, -2, 2);
        HostArray xq = uniform(r, 4, 2, -2, 2);
        double lambda = 0.3;
        for (int count : new int[] {5, 20}) {
            RandomFeatureRegressor rff = new RandomFeatureRegressor(RandomFeatureOptions.defaults()
                    .withFeatures(count).withRidgeAndBandwidth(lambda, "0.8"), new GaussianKernel());
            for (double jitter : new double[] {0.0, 0.05}) {
                HostArray[] out = fx.run(List.of(xs, xq, HostArray.scalar(jitter)), (ops, in) -> {
                    RandomFeatureRegressor.Smoother s = rff.fit(in.get(0), fx.context(ops, in.get(2),
                            ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {5, 6})), Optional.empty()));
                    return List.of(s.weights(in.get(1)), s.features(in.get(0)), s.features(in.get(1)),
                            ops.scalar(s.primal() ? 1 : 0));
                });
                assertThat(out[3].scalarValue()).as("primal solve for D = %d, N = 12", count)
                        .isEqualTo(count < 12 ? 1.0 : 0.0);
                double[][] phi = matrix(out[1].doubles(), 12, count);
                double[][] phiQ = matrix(out[2].doubles(), 4, count);
                double[] expected = primalWeights(phi, phiQ, lambda + jitter, false);
                assertThat(out[0].doubles()).as("D = %d, jitter %s", count, jitter).containsExactly(expected,
                        within(1e-10));
                double[] everyEntry = primalWeights(phi, phiQ, lambda + jitter, true);
                assertThat(relativeError(everyEntry, expected)).as("λ11ᵀ instead of λI").isGreaterThan(1e-3);
            }
        }
    }

    /** φ(X*) (ΦᵀΦ + λ I)⁻¹ Φᵀ (or with λ on every entry), row-major [M, N]. */
    private static double[] primalWeights(double[][] phi, double[][] phiQ, double lambda, boolean everyEntry) {
        double[][] a = multiply(transpose(phi), phi);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (everyEntry || i == j) {
                    a[i][j] += lambda;
                }
            }
        }
        return flatten(multiply(phiQ, solve(a, transpose(phi))));
    }

    @Test
    void featuresAreFreshForEachSeedUnlessFixed() {
        SplittableRandom r = new SplittableRandom(14);
        HostArray xs = uniform(r, 30, 2, -2, 2);
        HostArray xq = uniform(r, 5, 2, -2, 2);
        RandomFeatureOptions options = RandomFeatureOptions.defaults().withFeatures(20);
        RandomFeatureRegressor fresh = new RandomFeatureRegressor(options, new GaussianKernel());
        assertThat(weights(fresh, xs, xq, 1, 2)).isEqualTo(weights(fresh, xs, xq, 1, 2));
        assertThat(weights(fresh, xs, xq, 1, 2)).isNotEqualTo(weights(fresh, xs, xq, 1, 3));
        RandomFeatureRegressor fixed = new RandomFeatureRegressor(options.withFixedFeatures(true),
                new GaussianKernel());
        assertThat(weights(fixed, xs, xq, 1, 2)).isEqualTo(weights(fixed, xs, xq, 9, 3));
        assertThat(weights(fixed, xs, xq, 1, 2)).isNotEqualTo(weights(fresh, xs, xq, 1, 2));
    }

    @Test
    void aFeatureMapRunsBeforeTheFeatures() {
        SplittableRandom r = new SplittableRandom(15);
        HostArray xs = uniform(r, 50, 6, -2, 2);
        HostArray xq = uniform(r, 5, 6, -2, 2);
        RandomFeatureRegressor rff = new RandomFeatureRegressor(RandomFeatureOptions.defaults().withFeatures(40)
                .withFeatureMap(FeatureMaps.PROJECTION, 3), new GaussianKernel());
        HostArray[] out = fx.run(List.of(xs, xq), (ops, in) -> {
            LinearSmoother s = rff.fit(in.get(0), fx.context(ops, 1, 1));
            return List.of(s.weights(in.get(1)), ((RandomFeatureRegressor.Smoother) s).features(in.get(1)));
        });
        assertThat(out[0].shape()).isEqualTo(Shape.of(5, 50));
        assertThat(out[0].allFinite()).isTrue();
        assertThat(out[1].shape()).isEqualTo(Shape.of(5, 40));
        assertThat(rff.toString()).isEqualTo("rff(gaussian, D=40, λ=1.0, bandwidth=median, featureMap=projection(3))");
        assertThat(rff.basisSize()).hasValue(40);
    }

    @Test
    void aKernelWithoutSpectralDensityIsAOneLineConfigurationError() {
        RandomFeatureRegressor rff = new RandomFeatureRegressor(RandomFeatureOptions.defaults(),
                new PolynomialKernel(PolynomialKernelOptions.defaults()));
        HostArray xs = uniform(new SplittableRandom(1), 10, 2, -1, 1);
        assertThatThrownBy(() -> fx.run(List.of(xs), (ops, in) -> List.of(rff.fit(in.get(0), fx.context(ops, 1, 1))
                .weights(in.get(0))))).isInstanceOf(ConfigException.class)
                .hasMessage("regressor rff: kernel polynomial(p=3, c=1.0) has no spectral density, so it has no"
                        + " random Fourier features; use a shift-invariant kernel (gaussian, laplace, matern32,"
                        + " matern52) or the regressor krr or nystrom");
    }

    @Test
    void badOptionsNameTheRegressorTheOptionAndTheValue() {
        RandomFeatureProvider p = new RandomFeatureProvider();
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("features", 0))).isInstanceOf(ConfigException.class)
                .hasMessage("regressor rff: features: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("features", "-5")))
                .hasMessage("regressor rff: features: got -5, expected an integer >= 1");
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("ridge", 0.0)))
                .hasMessage("regressor rff: ridge: got 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("bandwidth", "wide")))
                .hasMessage("regressor rff: bandwidth: got 'wide', expected 'median' or a number > 0");
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("featureMap", "pca")))
                .hasMessage("regressor rff: featureMap: got 'pca', expected one of identity, network, projection");
        assertThat(OptionsBinder.bind(p, Map.of("features", "300", "fixedFeatures", "true")))
                .isEqualTo(RandomFeatureOptions.defaults().withFeatures(300).withFixedFeatures(true));
    }
}
