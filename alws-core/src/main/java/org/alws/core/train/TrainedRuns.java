package org.alws.core.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.alws.api.StorageException;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.Checkpoint;
import org.alws.core.run.Json;
import org.alws.core.run.RunDirectory;

/**
 * Reopens trained runs for evaluation: the run's recorded configuration resolved against the installed plugins, its
 * model, data and learner assembled as for training (so the data splits are the same), and every variable restored
 * from its latest checkpoint. Nothing in the run directory is written.
 */
public final class TrainedRuns {
    private TrainedRuns() {
    }

    /**
     * The run in {@code directory} at its latest checkpoint. Close it to release its workspace.
     *
     * @throws StorageException if the directory is missing, not a run, has no checkpoint, or its checkpoint does
     *     not match its configuration
     */
    public static TrainingRun open(PluginRegistry registry, Path directory) {
        RunDirectory dir = RunDirectory.open(directory);
        Checkpoint latest = dir.readLatestCheckpoint().orElseThrow(() -> new StorageException("run " + dir.path()
                + " has no checkpoint yet; train it first"));
        return open(registry, dir, latest, UnaryOperator.identity());
    }

    /**
     * The run of {@code dir} with its recorded configuration changed by {@code adjust} (e.g. other metrics), every
     * variable restored from {@code checkpoint}. Close it to release its workspace.
     */
    static TrainingRun open(PluginRegistry registry, RunDirectory dir, Checkpoint checkpoint,
            UnaryOperator<RunConfig> adjust) {
        Map<String, Object> stored = new LinkedHashMap<>(Json.toMap(dir.readConfig()));
        stored.remove("formatVersion");
        RunConfig config = adjust.apply(RunConfig.fromMap(stored, RunConfig.defaults()));
        TrainingRun run = TrainingRun.open(ResolvedRun.resolve(registry, config));
        try {
            run.restore(checkpoint, dir.checkpointsDir().resolve(RunDirectory.checkpointFileName(checkpoint.step()))
                    .toString());
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }
}
