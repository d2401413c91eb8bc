package org.alws.models.np;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Workspace;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.Dataset;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.Trace;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The {@code np-predictive} metric: its Monte Carlo estimate against the same estimate computed by hand in Java from
 * the same standard normal draws and the parameter values, independent of how the functions are split into calls;
 * what it reports; and its errors.
 */
class NeuralProcessPredictiveMetricTest {
    private static final int L = 3;
    private static final int H = 5;
    private static final int C = 2;
    private static final int T = 5;
    private final NeuralProcessModel model = new NeuralProcessModel(new NeuralProcessModelProvider.Options(L, H, C,
            T));

    private record Context(GenerativeModel model, Parameters modelParameters, Workspace workspace, Dataset data,
            Dataset trainingData, SeedStream seeds) implements EvaluationContext {
    }

    @Test
    void theEstimateIsTheLogMeanOfTheLikelihoodsAtTheDrawnLatents() {
        int functions = 7;
        int k = 6;
        HostArray rows = testRows(functions);
        try (Workspace ws = NeuralProcessModelTest.float64()) {
            Parameters p = parameters(ws);
            NeuralProcessPredictions.Scores one = NeuralProcessPredictions.scores(ws, model, p, rows, k,
                    new SplittableRandom(11));
            // Three functions per call: three calls, the last one padded.
            NeuralProcessPredictions.Scores blocks = NeuralProcessPredictions.scores(ws, model, p, rows, k,
                    new SplittableRandom(11), 3L * k * T);
            double[][] expected = byHand(p, rows.doubles(), functions, k, new SplittableRandom(11));
            for (int f = 0; f < functions; f++) {
                assertThat(one.heldOut()[f]).as("held-out targets of function %d", f)
                        .isCloseTo(expected[0][f], within(1e-10));
                assertThat(one.allTargets()[f]).as("all targets of function %d", f)
                        .isCloseTo(expected[1][f], within(1e-10));
                assertThat(blocks.heldOut()[f]).isCloseTo(one.heldOut()[f], within(1e-12));
                assertThat(blocks.allTargets()[f]).isCloseTo(one.allTargets()[f], within(1e-12));
            }
        }
    }

    @Test
    void theMetricReportsTheMeansOverTheFirstFunctionsPerFunctionAndPerPoint() {
        int k = 4;
        HostArray rows = testRows(9);
        Dataset test = new ArrayDataset(rows);
        SeedStream seeds = SeedStream.root(3).child("eval");
        try (Workspace ws = NeuralProcessModelTest.float64()) {
            Parameters p = parameters(ws);
            Map<String, Double> result = new NeuralProcessPredictiveMetricProvider().create(
                    new NeuralProcessPredictiveMetricProvider.Options(5, k)).evaluate(new Context(model, p, ws, test,
                            test, seeds));
            double[][] expected = byHand(p, rows.doubles(), 5, k, seeds.child("np-predictive").random(0));
            double heldOut = mean(expected[0]);
            double all = mean(expected[1]);
            assertThat(result).containsOnlyKeys("np.predictive", "np.predictive.perPoint",
                    "np.predictive.allTargets", "np.predictive.allTargets.perPoint");
            assertThat(result.get("np.predictive")).isCloseTo(heldOut, within(1e-10));
            assertThat(result.get("np.predictive.perPoint")).isCloseTo(heldOut / (T - C), within(1e-10));
            assertThat(result.get("np.predictive.allTargets")).isCloseTo(all, within(1e-10));
            assertThat(result.get("np.predictive.allTargets.perPoint")).isCloseTo(all / T, within(1e-10));

            // functions = 0 takes all nine, and more functions than the split has are the whole split.
            Map<String, Double> everything = new NeuralProcessPredictiveMetric(0, k).evaluate(new Context(model, p,
                    ws, test, test, seeds));
            Map<String, Double> capped = new NeuralProcessPredictiveMetric(50, k).evaluate(new Context(model, p, ws,
                    test, test, seeds));
            double expectedAll = mean(byHand(p, rows.doubles(), 9, k, seeds.child("np-predictive").random(0))[0]);
            assertThat(everything.get("np.predictive")).isCloseTo(expectedAll, within(1e-10));
            assertThat(capped).isEqualTo(everything);
        }
    }

    @Test
    void otherModelsAndOtherDataAreOneLineErrors() {
        GenerativeModel other = new GenerativeModel() {
            @Override
            public void run(Trace trace) {
            }

            @Override
            public String toString() {
                return "other-model";
            }
        };
        Dataset test = new ArrayDataset(testRows(3));
        Dataset wide = new ArrayDataset(HostArray.of(Shape.of(3, 2 * T + C + 1), new double[3 * (2 * T + C + 1)]));
        try (Workspace ws = NeuralProcessModelTest.float64()) {
            Parameters p = parameters(ws);
            NeuralProcessPredictiveMetric metric = new NeuralProcessPredictiveMetric(0, 10);
            assertThatThrownBy(() -> metric.evaluate(new Context(other, p, ws, test, test, SeedStream.root(1))))
                    .isInstanceOf(IncompatibleModelException.class).hasMessage("np-predictive scores neural-process "
                            + "models only (a conditional prior p(z | context) and a decoder), got other-model");
            assertThatThrownBy(() -> metric.evaluate(new Context(model, p, ws, wide, wide, SeedStream.root(1))))
                    .isInstanceOf(DataException.class).hasMessage("neural-process predictions need data rows "
                            + "[y (5) | x (5) | contextY (2)] of length 12, got examples of shape [13]");
        }
        assertThat(new NeuralProcessPredictiveMetricProvider().name()).isEqualTo("np-predictive");
        assertThat(new NeuralProcessPredictiveMetricProvider().defaultOptions())
                .isEqualTo(new NeuralProcessPredictiveMetricProvider.Options(0, 1000));
        assertThatThrownBy(() -> new NeuralProcessPredictiveMetricProvider.Options(-1, 10))
                .isInstanceOf(ConfigException.class).hasMessage("functions: got -1, expected an integer >= 0");
        assertThatThrownBy(() -> new NeuralProcessPredictiveMetricProvider.Options(0, 0))
                .isInstanceOf(ConfigException.class).hasMessage("samples: got 0, expected an integer >= 1");
    }

    /**
     * Per function, {held-out, all targets}: log (1/K) Σ_k Π_t N(y_t; μ_y(x_t, z_k), σ_y²) with z_k = μ + σ ε_k and
     * the ε drawn function by function, draw by draw, dimension by dimension.
     */
    private double[][] byHand(Parameters p, double[] rows, int functions, int k, SplittableRandom random) {
        HostNetworks networks = new HostNetworks(p.values());
        int width = 2 * T + C;
        double[][] out = new double[2][functions];
        for (int f = 0; f < functions; f++) {
            double[] y = NeuralProcessModelTest.slice(rows, f * width, T);
            double[] x = NeuralProcessModelTest.slice(rows, f * width + T, T);
            double[] contextY = NeuralProcessModelTest.slice(rows, f * width + 2 * T, C);
            double[][] prior = networks.latent(NeuralProcessModelTest.slice(x, 0, C), contextY);
            double[] heldOut = new double[k];
            double[] all = new double[k];
            for (int s = 0; s < k; s++) {
                double[] z = new double[L];
                for (int j = 0; j < L; j++) {
                    z[j] = prior[0][j] + prior[1][j] * Gaussians.draw(random);
                }
                for (int t = 0; t < T; t++) {
                    double[] obs = networks.observation(x[t], z);
                    double logp = HostNetworks.logNormal(y[t], obs[0], obs[1]);
                    all[s] += logp;
                    if (t >= C) {
                        heldOut[s] += logp;
                    }
                }
            }
            out[0][f] = logMeanExp(heldOut);
            out[1][f] = logMeanExp(all);
        }
        return out;
    }

    private static double logMeanExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum / v.length);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private Parameters parameters(Workspace ws) {
        Parameters p = new Parameters(ws, SeedStream.root(5).child("init"), "model/");
        ModelStructure.inspect(model, p);
        SplittableRandom random = new SplittableRandom(6);
        Map<String, HostArray> values = new LinkedHashMap<>();
        p.values().forEach((name, value) -> {
            if (name.contains("/b")) {
                values.put(name, HostArray.of(value.shape(), random.doubles(value.size(), -0.3, 0.3).toArray()));
            }
        });
        p.setValues(values);
        return p;
    }

    private static HostArray testRows(int n) {
        return new SineFunctionsDataProvider().load(new SineFunctionsDataProvider.Options(1, n, 100, C, T, 0.1, -0.5,
                1.0, -0.5, 0.5), SeedStream.root(4)).test().all();
    }
}
