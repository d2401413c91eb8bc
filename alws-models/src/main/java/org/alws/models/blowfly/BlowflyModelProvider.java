package org.alws.models.blowfly;

import com.google.auto.service.AutoService;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.model.ModelProvider;

/**
 * Provides the {@link BlowflyModel} under the name {@code blowfly}, at priority 5 (chosen by name). The defaults are
 * the reference's: T = 180 counts, delays τ ∈ {1, ..., 20}, a window of 20 values starting at 0.5, P = N₀ = δ = 1,
 * σ_p = σ_d = 1 and σ_n = 0.3.
 */
@AutoService(ModelProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class BlowflyModelProvider implements ModelProvider<BlowflyModelProvider.Options> {

    /**
     * Options of the blowfly model.
     *
     * @param length T, the number of time points of the observed series
     * @param maxDelay K, the largest delay τ
     * @param window W, the number of learned values before the series (at least K)
     * @param initialP initial birth rate P
     * @param initialN0 initial population scale N₀
     * @param initialDelta initial death rate δ
     * @param initialSigmaP initial scale of the birth noise
     * @param initialSigmaD initial scale of the death noise
     * @param initialSigmaN initial scale of the log-normal observation
     * @param initialWindow initial value of every window entry
     */
    public record Options(
            @Doc("T, time points of the series (must match the data), > maxDelay") int length,
            @Doc("K, the largest delay τ (τ in 1..K), >= 1") int maxDelay,
            @Doc("W, learned values before the series, maxDelay <= W <= length") int window,
            @Doc("Initial birth rate P, > 0") double initialP,
            @Doc("Initial population scale N0, > 0") double initialN0,
            @Doc("Initial death rate delta, > 0") double initialDelta,
            @Doc("Initial scale sigma_p of the birth noise, > 0") double initialSigmaP,
            @Doc("Initial scale sigma_d of the death noise, > 0") double initialSigmaD,
            @Doc("Initial scale sigma_n of the log-normal observation, > 0") double initialSigmaN,
            @Doc("Initial value of every window entry, in (0, 1) (the data are scaled to at most 1)")
            double initialWindow) {
        /** Validates. */
        public Options {
            Check.atLeast("maxDelay", maxDelay, 1);
            if (length <= maxDelay) {
                throw new ConfigException("length", length, "more time points than the maximum delay (maxDelay = "
                        + maxDelay + ")");
            }
            if (window > length) {
                throw new ConfigException("window", window, "an initial window no longer than the series (length = "
                        + length + ")");
            }
            if (window < maxDelay) {
                throw new ConfigException("window", window, "at least maxDelay = " + maxDelay
                        + " values, so that every delay reaches into it");
            }
            Check.positive("initialP", initialP);
            Check.positive("initialN0", initialN0);
            Check.positive("initialDelta", initialDelta);
            Check.positive("initialSigmaP", initialSigmaP);
            Check.positive("initialSigmaD", initialSigmaD);
            Check.positive("initialSigmaN", initialSigmaN);
            Check.inOpenRange("initialWindow", initialWindow, 0, 1);
        }
    }

    /** Below the default model's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "blowfly";
    }

    @Override
    public String description() {
        return "Nicholson's blowfly population dynamics: delay tau ~ Categorical, gamma birth and death noises, "
                + "log-normal counts, a learned initial window (plain log-joint path)";
    }

    @Override
    public Options defaultOptions() {
        return new Options(180, 20, 20, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3, 0.5);
    }

    @Override
    public BlowflyModel create(Options o) {
        return new BlowflyModel(o);
    }
}
