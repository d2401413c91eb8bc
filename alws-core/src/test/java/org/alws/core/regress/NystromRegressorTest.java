package org.alws.core.regress;

import static org.alws.core.regress.RegressionFixture.flatten;
import static org.alws.core.regress.RegressionFixture.gaussianGram;
import static org.alws.core.regress.RegressionFixture.multiply;
import static org.alws.core.regress.RegressionFixture.relativeError;
import static org.alws.core.regress.RegressionFixture.solve;
import static org.alws.core.regress.RegressionFixture.transpose;
import static org.alws.core.regress.RegressionFixture.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.NumericalException;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.config.OptionsBinder;
import org.alws.core.kernel.GaussianKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nyström regression: the λK_mm formula against plain Java, exact kernel ridge regression when every input is an
 * inducing point, errors that fall with m (uniform and k-means++), the uniform subset, the host preparation, and the
 * errors of bad configurations and inputs.
 */
class NystromRegressorTest {
    private RegressionFixture fx;

    @BeforeEach
    void open() {
        fx = new RegressionFixture();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static NystromRegressor nystrom(int m, String selection, double ridge, String bandwidth) {
        return new NystromRegressor(NystromOptions.defaults().withInducingPoints(m, selection)
                .withRidgeAndBandwidth(ridge, bandwidth), new GaussianKernel());
    }

    /** Weights [M, N] and inducing indices [m] of a fit with seed (a, b), jitter and optional prepared indices. */
    private HostArray[] fit(NystromRegressor r, HostArray xs, HostArray xq, long a, long b, double jitter,
            int[] prepared) {
        List<HostArray> inputs = new ArrayList<>(List.of(xs, xq, HostArray.scalar(jitter)));
        if (prepared != null) {
            inputs.add(HostArray.ofInts(Shape.of(prepared.length), prepared));
        }
        return fx.run(inputs, (ops, in) -> {
            Optional<Tensor> p = in.size() > 3 ? Optional.of(in.get(3)) : Optional.empty();
            NystromRegressor.Smoother s = r.fit(in.get(0), fx.context(ops, in.get(2),
                    ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {a, b})), p));
            return List.of(s.weights(in.get(1)), s.inducingIndices());
        });
    }

    private double[] krrWeights(double ridge, String bandwidth, HostArray xs, HostArray xq) {
        KernelRidgeRegressor krr = new KernelRidgeRegressor(KernelRidgeOptions.of(ridge, bandwidth, 1, 256),
                new GaussianKernel());
        return fx.run(List.of(xs, xq), (ops, in) -> List.of(krr.fit(in.get(0), fx.context(ops, 0, 0))
                .weights(in.get(1))))[0].doubles();
    }

    /** K_*m (K_mn K_nm + λ K_mm)⁻¹ K_mn in plain Java, row-major [M, N]. */
    private static double[] javaNystrom(HostArray xs, HostArray xq, int[] inducing, double sigma, double lambda) {
        int n = Math.toIntExact(xs.shape().dim(0));
        int q = Math.toIntExact(xq.shape().dim(0));
        int d = Math.toIntExact(xs.shape().dim(1));
        int m = inducing.length;
        double[] z = new double[m * d];
        for (int j = 0; j < m; j++) {
            System.arraycopy(xs.doubles(), inducing[j] * d, z, j * d, d);
        }
        double[][] knm = gaussianGram(xs.doubles(), n, z, m, d, sigma);
        double[][] kmm = gaussianGram(z, m, z, m, d, sigma);
        double[][] kqm = gaussianGram(xq.doubles(), q, z, m, d, sigma);
        double[][] a = multiply(transpose(knm), knm);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] += lambda * kmm[i][j];
            }
        }
        return flatten(multiply(kqm, solve(a, transpose(knm))));
    }

    private static int[] ints(HostArray a) {
        return a.ints();
    }

    @Test
    void theWeightsAreTheLambdaKmmFormula() {
        SplittableRandom r = new SplittableRandom(21);
        HostArray xs = uniform(r, 40, 2, -2, 2);
        HostArray xq = uniform(r, 6, 2, -2, 2);
        NystromRegressor ny = nystrom(8, NystromOptions.UNIFORM, 0.2, "0.9");
        HostArray[] out = fit(ny, xs, xq, 3, 4, 0.0, null);
        int[] chosen = ints(out[1]);
        assertThat(out[0].shape()).isEqualTo(Shape.of(6, 40));
        assertThat(out[0].doubles()).containsExactly(javaNystrom(xs, xq, chosen, 0.9, 0.2), within(1e-9));
        assertThat(ny.basisSize()).hasValue(8);
        assertThat(ny.toString()).isEqualTo("nystrom(gaussian, m=8 uniform, λ=0.2, bandwidth=0.9)");
    }

    /** With m = N (every sleep input an inducing point, in any order) the smoother is exact KRR. */
    @Test
    void withEveryInputAsInducingPointItIsExactKernelRidgeRegression() {
        SplittableRandom r = new SplittableRandom(22);
        HostArray xs = uniform(r, 60, 3, -2, 2);
        HostArray xq = uniform(r, 9, 3, -2, 2);
        double[] exact = krrWeights(0.05, "1.1", xs, xq);
        HostArray[] uniformFit = fit(nystrom(60, NystromOptions.UNIFORM, 0.05, "1.1"), xs, xq, 5, 6, 0.0, null);
        Set<Integer> all = new HashSet<>();
        for (int i : ints(uniformFit[1])) {
            all.add(i);
        }
        assertThat(all).as("uniform subset of 60 among 60").hasSize(60);
        assertThat(uniformFit[0].doubles()).containsExactly(exact, within(1e-8));
        int[] reversed = new int[60];
        for (int i = 0; i < 60; i++) {
            reversed[i] = 59 - i;
        }
        HostArray[] prepared = fit(nystrom(60, NystromOptions.KMEANS_PLUS_PLUS, 0.05, "1.1"), xs, xq, 5, 6, 0.0,
                reversed);
        assertThat(ints(prepared[1])).containsExactly(reversed);
        assertThat(prepared[0].doubles()).containsExactly(exact, within(1e-8));
    }

    @Test
    void theUniformSubsetIsDistinctAPureFunctionOfTheSeedAndUniform() {
        SplittableRandom r = new SplittableRandom(23);
        HostArray xs = uniform(r, 20, 1, -2, 2);
        NystromRegressor ny = nystrom(5, NystromOptions.UNIFORM, 1.0, "1.0");
        int[] counts = new int[20];
        HostArray[] out = fx.run(List.of(xs), (ops, in) -> {
            List<Tensor> picks = new ArrayList<>();
            for (long s = 0; s < 400; s++) {
                picks.add(NystromRegressor.uniformSubset(ops, 20, 5, ops.constant(HostArray.ofLongs(Shape.of(2),
                        new long[] {s, 99}))));
            }
            picks.add(ny.fit(in.get(0), fx.context(ops, 0, 99)).inducingIndices());
            return picks;
        });
        for (int s = 0; s < 400; s++) {
            Set<Integer> distinct = new HashSet<>();
            for (int i : out[s].ints()) {
                assertThat(i).isBetween(0, 19);
                distinct.add(i);
                counts[i]++;
            }
            assertThat(distinct).as("subset %d", s).hasSize(5);
        }
        assertThat(out[400].ints()).as("the fit's subset is the one of its seed").containsExactly(out[0].ints());
        assertThat(out[1].ints()).isNotEqualTo(out[0].ints());
        // Each index is chosen with probability 1/4: 100 of 400 expected, standard deviation 8.7.
        for (int i = 0; i < 20; i++) {
            assertThat(counts[i]).as("times index %d was chosen in 400 subsets", i).isBetween(65, 135);
        }
    }

    /**
     * The mean relative Frobenius error of the weights against exact KRR over three seeds, for m = 10, 40, 160 of
     * N = 400 inputs in [−3, 3]², bandwidth 0.8, ridge 0.1, falls with m. Measured: uniform 0.89, 0.60, 0.0051;
     * k-means++ 0.88, 0.57, 0.0029.
     */
    @Test
    void theErrorFallsWithTheNumberOfInducingPoints() {
        SplittableRandom r = new SplittableRandom(24);
        HostArray xs = uniform(r, 400, 2, -3, 3);
        HostArray xq = uniform(r, 20, 2, -3, 3);
        double[] exact = krrWeights(0.1, "0.8", xs, xq);
        int[] ms = {10, 40, 160};
        for (String selection : List.of(NystromOptions.UNIFORM, NystromOptions.KMEANS_PLUS_PLUS)) {
            double[] error = new double[ms.length];
            for (int k = 0; k < ms.length; k++) {
                NystromRegressor ny = nystrom(ms[k], selection, 0.1, "0.8");
                for (long seed = 1; seed <= 3; seed++) {
                    int[] prepared = selection.equals(NystromOptions.UNIFORM) ? null
                            : ints(ny.prepare(xs, new SplittableRandom(seed)));
                    error[k] += relativeError(fit(ny, xs, xq, seed, 1, 0.0, prepared)[0].doubles(), exact) / 3;
                }
            }
            assertThat(error[1]).as("%s: error with m = 40 vs %s with 10", selection, error[0]).isLessThan(error[0]);
            assertThat(error[2]).as("%s: error with m = 160 vs %s with 40", selection, error[1]).isLessThan(error[1]);
        }
    }

    @Test
    void moreInducingPointsThanSleepInputsIsAConfigurationErrorAsSoonAsNIsKnown() {
        NystromRegressor ny = nystrom(1000, NystromOptions.UNIFORM, 1.0, "median");
        String message = "regressor nystrom: inducingPoints: got 1000, expected at most N = 500 (the sleep samples"
                + " per fit)";
        assertThatThrownBy(() -> ny.preparation(500, Shape.of(3))).isInstanceOf(ConfigException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> nystrom(1000, NystromOptions.KMEANS_PLUS_PLUS, 1.0, "median").preparation(500,
                Shape.of(3))).hasMessage(message);
        assertThat(ny.preparation(1000, Shape.of(3))).isEmpty();
        assertThat(nystrom(1000, NystromOptions.KMEANS_PLUS_PLUS, 1.0, "median").preparation(1000, Shape.of(3)))
                .hasValueSatisfying(spec -> assertThat(spec.shape()).isEqualTo(Shape.of(1000)))
                .hasValueSatisfying(spec -> assertThat(spec.dtype()).isEqualTo(DType.INT32));
        HostArray xs = uniform(new SplittableRandom(1), 20, 2, -1, 1);
        assertThatThrownBy(() -> fit(nystrom(30, NystromOptions.UNIFORM, 1.0, "median"), xs, xs, 1, 1, 0.0, null))
                .isInstanceOf(ConfigException.class).hasMessage("regressor nystrom: inducingPoints: got 30, expected"
                        + " at most N = 20 (the sleep samples per fit)");
    }

    @Test
    void kMeansPlusPlusPreparationRejectsNonFiniteSleepInputs() {
        NystromRegressor ny = nystrom(3, NystromOptions.KMEANS_PLUS_PLUS, 1.0, "median");
        double[] v = uniform(new SplittableRandom(2), 10, 2, -1, 1).doubles().clone();
        v[2 * 7 + 1] = Double.NaN;
        assertThatThrownBy(() -> ny.prepare(HostArray.of(Shape.of(10, 2), v), new SplittableRandom(1)))
                .isInstanceOf(NumericalException.class)
                .hasMessage("regressor nystrom(gaussian, m=3 kmeans++, λ=1.0, bandwidth=median): sleep input 7 holds"
                        + " a non-finite value (NaN); k-means++ needs finite inputs");
    }

    @Test
    void kMeansPlusPlusPreparationIsDeterministicForASeed() {
        NystromRegressor ny = nystrom(12, NystromOptions.KMEANS_PLUS_PLUS, 1.0, "median");
        HostArray xs = uniform(new SplittableRandom(3), 200, 4, -1, 1);
        HostArray a = ny.prepare(xs, new SplittableRandom(77));
        assertThat(a.shape()).isEqualTo(Shape.of(12));
        assertThat(a.dtype()).isEqualTo(DType.INT32);
        assertThat(ny.prepare(xs, new SplittableRandom(77))).isEqualTo(a);
        assertThat(ny.prepare(xs, new SplittableRandom(78))).isNotEqualTo(a);
    }

    @Test
    void badOptionsNameTheRegressorTheOptionAndTheValue() {
        NystromProvider p = new NystromProvider();
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("inducingPoints", 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("regressor nystrom: inducingPoints: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("inducingPoints", -3)))
                .hasMessage("regressor nystrom: inducingPoints: got -3, expected an integer >= 1");
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("selection", "random")))
                .hasMessage("regressor nystrom: selection: got 'random', expected one of uniform, kmeans++");
        assertThatThrownBy(() -> OptionsBinder.bind(p, Map.of("featureDimension", 0)))
                .hasMessage("regressor nystrom: featureDimension: got 0, expected an integer >= 1");
        assertThat(OptionsBinder.bind(p, Map.of("inducingPoints", "200", "selection", "kmeans++")))
                .isEqualTo(NystromOptions.defaults().withInducingPoints(200, NystromOptions.KMEANS_PLUS_PLUS));
    }
}
