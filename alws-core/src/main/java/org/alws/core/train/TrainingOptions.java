package org.alws.core.train;

import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * How long and how a run trains, and how often it reports.
 *
 * @param steps total number of optimisation steps
 * @param batchSize data points per step (M)
 * @param logEvery steps between records in metrics.jsonl
 * @param checkpointEvery steps between checkpoints (a checkpoint is also written at the end)
 * @param evalEvery steps between evaluations of the metrics on held-out data (0: only at the end)
 * @param clipNorm rescale gradients to this global norm when larger (0: no clipping)
 * @param keepCheckpoints number of checkpoints kept
 */
public record TrainingOptions(
        @Doc("total number of optimisation steps") long steps,
        @Doc("data points per step (M)") int batchSize,
        @Doc("steps between records in metrics.jsonl") long logEvery,
        @Doc("steps between checkpoints (and one at the end)") long checkpointEvery,
        @Doc("steps between evaluations on held-out data (0: only at the end)") long evalEvery,
        @Doc("rescale gradients to this global norm when larger (0: off)") double clipNorm,
        @Doc("number of checkpoints kept") int keepCheckpoints) {

    public TrainingOptions {
        Check.atLeast("steps", steps, 1);
        Check.atLeast("batchSize", batchSize, 1);
        Check.atLeast("logEvery", logEvery, 1);
        Check.atLeast("checkpointEvery", checkpointEvery, 1);
        Check.atLeast("evalEvery", evalEvery, 0);
        Check.nonNegative("clipNorm", clipNorm);
        Check.atLeast("keepCheckpoints", keepCheckpoints, 1);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(1000, 100, 10, 100, 0, 0.0, 3);
    }

    /** These options with another total step count. */
    public TrainingOptions withSteps(long total) {
        if (total < 1) {
            throw new ConfigException("steps", total, "an integer >= 1");
        }
        return new TrainingOptions(total, batchSize, logEvery, checkpointEvery, evalEvery, clipNorm, keepCheckpoints);
    }
}
