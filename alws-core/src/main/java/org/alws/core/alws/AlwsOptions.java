package org.alws.core.alws;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of the ALWS learner.
 *
 * @param sleepSamples N, the number of joint samples drawn from the model per step
 * @param objective regression targets: auto, exponential-family or log-joint
 * @param jitterAttempts how many times to retry a failed factorisation, each with ten times more jitter
 * @param initialJitter the jitter of the first retry (added to the ridge on the diagonal)
 */
public record AlwsOptions(
        @Doc("N, joint samples drawn from the model per step") int sleepSamples,
        @Doc("regression targets: auto, exponential-family or log-joint") Objective objective,
        @Doc("retries of a failed factorisation, each with ten times more jitter") int jitterAttempts,
        @Doc("jitter of the first retry, added to the ridge on the diagonal") double initialJitter) {

    public AlwsOptions {
        Check.atLeast("sleepSamples", sleepSamples, 2);
        if (objective == null) {
            throw new org.alws.api.ConfigException("objective", null, "one of auto, exponential-family, log-joint");
        }
        Check.atLeast("jitterAttempts", jitterAttempts, 0);
        Check.positive("initialJitter", initialJitter);
    }

    public static AlwsOptions defaults() {
        return new AlwsOptions(1000, Objective.AUTO, 6, 1e-6);
    }

    public AlwsOptions withSleepSamples(int n) {
        return new AlwsOptions(n, objective, jitterAttempts, initialJitter);
    }

    public AlwsOptions withObjective(Objective o) {
        return new AlwsOptions(sleepSamples, o, jitterAttempts, initialJitter);
    }
}
