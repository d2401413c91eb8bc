package org.alws.models.blowfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blowfly program against the model's equations computed here on the host: the step-by-step sampler and the
 * vectorised density implement the same recursion. From each joint draw (τ, e, ε, x) the host recomputes
 * μ_t = P x_{t−τ} exp(−x_{t−τ}/N₀) e_t + x_{t−1} exp(−δ ε_t) with the window before x_1; the standardised residuals
 * (log x_t − log μ_t)/σ_n of a correct sampler are standard normal (a wrong delay, window or noise would inflate
 * their variance many times), and the program's log-density of x must equal Σ_t log LogNormal(x_t; log μ_t, σ_n²).
 */
class BlowflyPathTest {
    private static final int LENGTH = 40;
    private static final int MAX_DELAY = 5;
    private static final int WINDOW = 7;
    private static final double P = 3.0;
    private static final double N0 = 0.6;
    private static final double DELTA = 0.4;
    private static final double SIGMA_N = 0.2;
    private static final double WINDOW_VALUE = 0.35;
    private static final int DRAWS = 500;

    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static BlowflyModel model() {
        return new BlowflyModel(new BlowflyModelProvider.Options(LENGTH, MAX_DELAY, WINDOW, P, N0, DELTA, 0.5, 0.7,
                SIGMA_N, WINDOW_VALUE));
    }

    /** The sites' values, then the observed site's log-density per draw. */
    private List<HostArray> draw(BlowflyModel model, Parameters parameters) {
        CompiledFunction f = ws.compile("test/draw", List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
            TraceResult r = Traces.sample(model, ops, parameters, DRAWS, in.get(0));
            List<Tensor> out = new ArrayList<>();
            for (String site : List.of(BlowflyModel.DELAY, BlowflyModel.BIRTH_NOISE, BlowflyModel.DEATH_NOISE,
                    BlowflyModel.OBSERVED)) {
                out.add(r.site(site).value());
            }
            out.add(r.site(BlowflyModel.OBSERVED).logProb());
            return out;
        });
        List<DeviceArray> out = f.call(SeedStream.root(3).child("draws").statelessSeed(0));
        List<HostArray> host = new ArrayList<>();
        for (DeviceArray d : out) {
            host.add(d.toHost());
            d.close();
        }
        return host;
    }

    @Test
    void drawsFollowTheRecursionAndTheDensityScoresIt() {
        BlowflyModel model = model();
        Parameters parameters = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
        List<HostArray> d = draw(model, parameters);
        int[] tau = d.get(0).ints();
        double[] e = d.get(1).doubles();
        double[] eps = d.get(2).doubles();
        double[] x = d.get(3).doubles();
        double[] logProb = d.get(4).doubles();
        assertThat(d.get(3).shape()).isEqualTo(Shape.of(DRAWS, LENGTH));

        double sum = 0;
        double sumSquares = 0;
        int count = 0;
        int[] delays = new int[MAX_DELAY];
        for (int n = 0; n < DRAWS; n++) {
            int delay = tau[n] + 1;
            delays[tau[n]]++;
            double[] full = new double[WINDOW + LENGTH];
            java.util.Arrays.fill(full, 0, WINDOW, WINDOW_VALUE);
            System.arraycopy(x, n * LENGTH, full, WINDOW, LENGTH);
            double density = 0;
            for (int t = 0; t < LENGTH; t++) {
                double lagged = full[WINDOW + t - delay];
                double previous = full[WINDOW + t - 1];
                int i = n * LENGTH + t;
                double mu = P * lagged * Math.exp(-lagged / N0) * e[i] + previous * Math.exp(-DELTA * eps[i]);
                double logX = Math.log(x[i]);
                double r = (logX - Math.log(mu)) / SIGMA_N;
                sum += r;
                sumSquares += r * r;
                count++;
                density += -0.5 * r * r - Math.log(SIGMA_N) - 0.5 * Math.log(2 * Math.PI) - logX;
            }
            assertThat(logProb[n]).as("log-density of draw %d", n).isCloseTo(density,
                    within(1e-9 * Math.max(1, Math.abs(density))));
        }
        double mean = sum / count;
        double variance = sumSquares / count - mean * mean;
        // 20,000 standard normal residuals: the mean's standard error is 0.007, the variance's 0.01.
        assertThat(mean).as("mean of the standardised residuals").isCloseTo(0, within(0.03));
        assertThat(variance).as("variance of the standardised residuals").isCloseTo(1, within(0.05));
        for (int k = 0; k < MAX_DELAY; k++) {
            assertThat(delays[k]).as("draws of delay %d of %d (uniform delay logits)", k + 1, MAX_DELAY)
                    .isGreaterThan(DRAWS / MAX_DELAY / 2);
        }
    }

    @Test
    void theModelHasTheSitesAndParametersOfTheExperiment() {
        Parameters parameters = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
        ModelStructure s = ModelStructure.inspect(model(), parameters);
        assertThat(s.sites()).extracting(SiteInfo::name).containsExactly("tau", "e", "eps", "x");
        assertThat(s.observed().exponentialFamily()).as("plain log-joint path").isFalse();
        assertThat(s.observed().eventShape()).isEqualTo(Shape.of(LENGTH));
        assertThat(s.sites().get(0).categories()).isEqualTo(MAX_DELAY);
        assertThat(s.sites().get(1).distribution()).isEqualTo("Gamma");
        assertThat(s.parameters()).containsOnlyKeys("logP", "logN0", "logDelta", "logSigmaP", "logSigmaD",
                "logSigmaN", "tauLogits", "windowLogits");
        assertThat(s.parameters().get("windowLogits")).isEqualTo(Shape.of(WINDOW));
        Map<String, Double> natural = BlowflyModel.naturalParameters(parameters.values());
        assertThat(natural.get("P")).isCloseTo(P, within(1e-12));
        assertThat(natural.get("N0")).isCloseTo(N0, within(1e-12));
        assertThat(natural.get("sigmaN")).isCloseTo(SIGMA_N, within(1e-12));
        assertThat(natural.get("tau[1]")).isCloseTo(1.0 / MAX_DELAY, within(1e-12));
        assertThat(natural.get("window[0]")).isCloseTo(WINDOW_VALUE, within(1e-12));
    }
}
