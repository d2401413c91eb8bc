package org.alws.models.blowfly;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.dist.Categorical;
import org.alws.api.model.DrawsFigures;
import org.alws.api.model.FigureContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Nicholson's blowfly model (design.md §6.3) as a program, for a series of T counts scaled to at most one:
 *
 * <pre>{@code
 * tau ~ Categorical(softmax(tauLogits))                      // [n], INT32: the delay τ − 1 ∈ {0, ..., K − 1}
 * e   ~ Gamma(1/σ_p², 1/σ_p²)                                // [n, T], birth noise, mean 1
 * eps ~ Gamma(1/σ_d², 1/σ_d²)                                // [n, T], death noise, mean 1
 * x   ~ BlowflyPath(P, N₀, δ, σ_n, sigmoid(windowLogits), tau, e, eps)   // [n, T], the observed series
 * }</pre>
 *
 * with μ_t = P x_{t−τ} exp(−x_{t−τ}/N₀) e_t + x_{t−1} exp(−δ ε_t) and x_t ~ LogNormal(log μ_t, σ_n²) (see
 * {@link BlowflyPath}); the W values before x_1 are the learned window sigmoid(windowLogits). Every positive
 * parameter is learned through its log ({@code logP}, {@code logN0}, {@code logDelta}, {@code logSigmaP},
 * {@code logSigmaD}, {@code logSigmaN}), the delay distribution through K logits. The observation is not an
 * exponential family, so ALWS regresses the plain log joint; the model has no guide and no reparameterisable
 * latent path, which is the point of the experiment.
 */
public final class BlowflyModel implements GenerativeModel, DrawsFigures {
    /** The delay site: τ − 1, INT32 [n]. */
    public static final String DELAY = "tau";
    /** The birth-noise site e, [n, T]. */
    public static final String BIRTH_NOISE = "e";
    /** The death-noise site ε, [n, T]. */
    public static final String DEATH_NOISE = "eps";
    /** The observed site: the series, [n, T]. */
    public static final String OBSERVED = "x";

    /** Parameter names. */
    public static final String LOG_P = "logP";
    /** log N₀. */
    public static final String LOG_N0 = "logN0";
    /** log δ. */
    public static final String LOG_DELTA = "logDelta";
    /** log σ_p. */
    public static final String LOG_SIGMA_P = "logSigmaP";
    /** log σ_d. */
    public static final String LOG_SIGMA_D = "logSigmaD";
    /** log σ_n. */
    public static final String LOG_SIGMA_N = "logSigmaN";
    /** The K logits of the delay τ ∈ {1, ..., K}. */
    public static final String TAU_LOGITS = "tauLogits";
    /** The W logits of the initial window (its values are their sigmoids). */
    public static final String WINDOW_LOGITS = "windowLogits";

    private final BlowflyModelProvider.Options options;

    /** A model with the given (validated) options. */
    public BlowflyModel(BlowflyModelProvider.Options options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** The options this model was made with. */
    public BlowflyModelProvider.Options options() {
        return options;
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        int n = t.batchSize();
        int length = options.length();
        int delays = options.maxDelay();
        Tensor logP = t.param(LOG_P, Shape.scalar(), Initializer.constant(Math.log(options.initialP())));
        Tensor logN0 = t.param(LOG_N0, Shape.scalar(), Initializer.constant(Math.log(options.initialN0())));
        Tensor logDelta = t.param(LOG_DELTA, Shape.scalar(), Initializer.constant(Math.log(options.initialDelta())));
        Tensor logSigmaP = t.param(LOG_SIGMA_P, Shape.scalar(),
                Initializer.constant(Math.log(options.initialSigmaP())));
        Tensor logSigmaD = t.param(LOG_SIGMA_D, Shape.scalar(),
                Initializer.constant(Math.log(options.initialSigmaD())));
        Tensor logSigmaN = t.param(LOG_SIGMA_N, Shape.scalar(),
                Initializer.constant(Math.log(options.initialSigmaN())));
        Tensor tauLogits = t.param(TAU_LOGITS, Shape.of(delays), Initializer.zeros());
        double w0 = options.initialWindow();
        Tensor windowLogits = t.param(WINDOW_LOGITS, Shape.of(options.window()),
                Initializer.constant(Math.log(w0) - Math.log1p(-w0)));

        // Broadcast by addition: differentiable on every backend.
        Tensor tau = t.sample(DELAY, Categorical.ofLogits(ops.zeros(Shape.of(n, delays)).cast(tauLogits.dtype())
                .add(tauLogits)));
        Tensor zeros = ops.zeros(Shape.of(n, length)).cast(logP.dtype());
        Tensor birthShape = zeros.add(logSigmaP.mul(-2.0).exp());
        Tensor deathShape = zeros.add(logSigmaD.mul(-2.0).exp());
        Tensor birth = t.sample(BIRTH_NOISE, new FlooredGamma(birthShape, birthShape));
        Tensor death = t.sample(DEATH_NOISE, new FlooredGamma(deathShape, deathShape));
        t.observe(OBSERVED, new BlowflyPath(logP, logN0.exp(), logDelta.exp(), logSigmaN.exp(),
                windowLogits.sigmoid(), tau, birth, death, delays));
    }

    /**
     * The parameters on their natural scale, for reports: P, N0, delta, sigmaP, sigmaD, sigmaN, the delay
     * probabilities {@code tau[k]} (of τ = k + 1) and the window values {@code window[i]}, in that order.
     *
     * @param parameters the model's parameter values by local name
     * @throws IllegalArgumentException if one is missing
     */
    public static Map<String, Double> naturalParameters(Map<String, HostArray> parameters) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("P", Math.exp(scalar(parameters, LOG_P)));
        out.put("N0", Math.exp(scalar(parameters, LOG_N0)));
        out.put("delta", Math.exp(scalar(parameters, LOG_DELTA)));
        out.put("sigmaP", Math.exp(scalar(parameters, LOG_SIGMA_P)));
        out.put("sigmaD", Math.exp(scalar(parameters, LOG_SIGMA_D)));
        out.put("sigmaN", Math.exp(scalar(parameters, LOG_SIGMA_N)));
        double[] logits = get(parameters, TAU_LOGITS).doubles();
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double total = 0;
        for (double l : logits) {
            total += Math.exp(l - max);
        }
        for (int k = 0; k < logits.length; k++) {
            out.put("tau[" + (k + 1) + "]", Math.exp(logits[k] - max) / total);
        }
        double[] window = get(parameters, WINDOW_LOGITS).doubles();
        for (int i = 0; i < window.length; i++) {
            out.put("window[" + i + "]", 1 / (1 + Math.exp(-window[i])));
        }
        return out;
    }

    private static double scalar(Map<String, HostArray> parameters, String name) {
        return get(parameters, name).doubles()[0];
    }

    private static HostArray get(Map<String, HostArray> parameters, String name) {
        HostArray a = parameters.get(name);
        if (a == null) {
            throw new IllegalArgumentException("blowfly parameters: no '" + name + "' among " + parameters.keySet());
        }
        return a;
    }

    /** Writes the data against simulated trajectories and the learned parameters ({@link BlowflyReport}). */
    @Override
    public void drawFigures(FigureContext context) {
        BlowflyReport.write(context.directory(), context.workspace(), this, context.parameters(),
                context.data().train().all(), context.seeds());
    }
}
