package org.alws.core.train;

import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * How long and how a run trains, and how often it reports.
 *
 * @param steps total number of optimisation steps (used when {@code epochs} is 0)
 * @param epochs passes over the training data; when positive, the run takes epochs × (training examples / batch
 *     size) steps and {@code steps} is ignored
 * @param batchSize data points per step (M)
 * @param logEvery steps between records in metrics.jsonl
 * @param checkpointEvery steps between checkpoints (a checkpoint is also written at the end)
 * @param evalEvery steps between evaluations of the metrics on held-out data (0: only at the end)
 * @param evalEveryEpochs epochs between evaluations, at the end of an epoch (0: off); when on, a new run also
 *     evaluates its initial model (step 0), outside the time budget
 * @param clipNorm rescale gradients to this global norm when larger (0: no clipping)
 * @param keepCheckpoints number of checkpoints kept
 * @param maxSeconds time budget in seconds of one invocation's training: the wall time of its training loop less
 *     the time spent evaluating (so that a learner with short epochs is not charged for its more frequent
 *     evaluations); 0: none. When it is spent, training stops after the current step, evaluates, checkpoints and
 *     says so; {@code alws resume} continues with a fresh budget
 * @param averageDecay the decay of an exponential moving average of the model's parameters that evaluations and
 *     sample grids use instead of the last values (see {@link ParameterAverage}); 0: off
 */
public record TrainingOptions(
        @Doc("total number of optimisation steps (used when epochs is 0)") long steps,
        @Doc("passes over the training data; > 0 overrides steps with epochs x steps per epoch") long epochs,
        @Doc("data points per step (M)") int batchSize,
        @Doc("steps between records in metrics.jsonl") long logEvery,
        @Doc("steps between checkpoints (and one at the end)") long checkpointEvery,
        @Doc("steps between evaluations on held-out data (0: only at the end)") long evalEvery,
        @Doc("epochs between evaluations at epoch ends, plus one of the initial model (0: off)")
        long evalEveryEpochs,
        @Doc("rescale gradients to this global norm when larger (0: off)") double clipNorm,
        @Doc("number of checkpoints kept") int keepCheckpoints,
        @Doc("time budget in seconds: wall time of the training loop less evaluations; then stops with a final "
                + "evaluation and checkpoint (0: none)") double maxSeconds,
        @Doc("decay in [0, 1) of a moving average of the model's parameters that evaluations and sample grids use "
                + "(0: off, the last values)") double averageDecay) {

    public TrainingOptions {
        Check.atLeast("steps", steps, 1);
        Check.atLeast("epochs", epochs, 0);
        Check.atLeast("batchSize", batchSize, 1);
        Check.atLeast("logEvery", logEvery, 1);
        Check.atLeast("checkpointEvery", checkpointEvery, 1);
        Check.atLeast("evalEvery", evalEvery, 0);
        Check.atLeast("evalEveryEpochs", evalEveryEpochs, 0);
        Check.nonNegative("clipNorm", clipNorm);
        Check.atLeast("keepCheckpoints", keepCheckpoints, 1);
        Check.nonNegative("maxSeconds", maxSeconds);
        if (!(averageDecay >= 0 && averageDecay < 1)) {
            throw new ConfigException("averageDecay", averageDecay, "a number in [0, 1)");
        }
    }

    /** A run of {@code steps} steps, without epochs, epoch evaluations or time budget. */
    public TrainingOptions(long steps, int batchSize, long logEvery, long checkpointEvery, long evalEvery,
            double clipNorm, int keepCheckpoints) {
        this(steps, 0, batchSize, logEvery, checkpointEvery, evalEvery, 0, clipNorm, keepCheckpoints, 0.0, 0.0);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(1000, 100, 10, 100, 0, 0.0, 3);
    }

    /** These options with another total step count (and no epoch count, which would override it). */
    public TrainingOptions withSteps(long total) {
        if (total < 1) {
            throw new ConfigException("steps", total, "an integer >= 1");
        }
        return new TrainingOptions(total, 0, batchSize, logEvery, checkpointEvery, evalEvery, evalEveryEpochs,
                clipNorm, keepCheckpoints, maxSeconds, averageDecay);
    }

    /** These options with another time budget (0: none). */
    public TrainingOptions withMaxSeconds(double seconds) {
        return new TrainingOptions(steps, epochs, batchSize, logEvery, checkpointEvery, evalEvery, evalEveryEpochs,
                clipNorm, keepCheckpoints, seconds, averageDecay);
    }

    /** These options with another decay of the parameters' moving average (0: off). */
    public TrainingOptions withAverageDecay(double decay) {
        return new TrainingOptions(steps, epochs, batchSize, logEvery, checkpointEvery, evalEvery, evalEveryEpochs,
                clipNorm, keepCheckpoints, maxSeconds, decay);
    }

    /** The number of steps the run ends at, given the steps of one epoch. */
    public long totalSteps(long stepsPerEpoch) {
        return epochs > 0 ? Math.multiplyExact(epochs, stepsPerEpoch) : steps;
    }
}
