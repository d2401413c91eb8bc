package org.alws.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.ConfigException;
import org.alws.api.StorageException;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.Checkpoint;
import org.alws.core.run.MetricsLog;
import org.alws.core.run.RunDirectory;

/**
 * Evaluates metrics on a trained run after the fact ({@code alws eval}): the run's recorded configuration with the
 * metrics asked for, its model and data assembled as for training, every variable restored from a checkpoint, the
 * metrics evaluated with the evaluation seeds of that checkpoint's step (so the figures are those the run would have
 * logged had it evaluated them there), and the figures appended to its metrics.jsonl as an {@code eval} record. Only
 * that one line is written to the run directory.
 */
public final class RunEvaluation {
    private RunEvaluation() {
    }

    /**
     * What one evaluation gave.
     *
     * @param directory the run directory
     * @param step the step of the checkpoint evaluated
     * @param values the figures by name, in the metrics' order
     * @param seconds the wall time, loading included
     */
    public record Result(Path directory, long step, Map<String, Double> values, double seconds) {
    }

    /**
     * Evaluates {@code metrics} on the run in {@code directory} at the checkpoint of {@code step}, or its latest.
     * A metric the run was configured with keeps its recorded options, with the ones given here laid over them.
     *
     * @throws StorageException if the directory is missing or not a run, or has no checkpoint (of that step)
     * @throws ConfigException if no metric is named or an option is invalid
     * @throws org.alws.api.PluginException if a metric or a plugin of the run is not installed
     */
    public static Result evaluate(PluginRegistry registry, Path directory, List<PluginChoice> metrics,
            Optional<Long> step) {
        long start = System.nanoTime();
        if (metrics.isEmpty()) {
            throw new ConfigException("--metric", "name at least one metric to evaluate, e.g. --metric fid,kid");
        }
        RunDirectory dir = RunDirectory.open(directory);
        Checkpoint checkpoint = checkpoint(dir, step);
        try (TrainingRun run = TrainedRuns.open(registry, dir, checkpoint,
                c -> c.withMetrics(overRecorded(c.metrics(), metrics)))) {
            Map<String, Double> values = run.evaluate(checkpoint.step());
            dir.appendMetrics(checkpoint.step(), MetricsLog.EVAL, values);
            return new Result(dir.path(), checkpoint.step(), values, (System.nanoTime() - start) / 1e9);
        }
    }

    private static Checkpoint checkpoint(RunDirectory dir, Optional<Long> step) {
        if (step.isEmpty()) {
            return dir.readLatestCheckpoint().orElseThrow(() -> new StorageException("run " + dir.path() + " has no "
                    + "checkpoint to evaluate: metrics score the trained model (FID and KID draw samples from it); "
                    + "train or resume the run first"));
        }
        List<Long> steps = new ArrayList<>();
        for (Path p : dir.checkpointFiles()) {
            String name = p.getFileName().toString();
            steps.add(Long.parseLong(name.substring("step-".length(), name.length() - ".ckpt".length())));
        }
        if (!steps.contains(step.get())) {
            throw new StorageException("run " + dir.path() + " has no checkpoint of step " + step.get() + "; "
                    + (steps.isEmpty() ? "it has none yet" : "it has checkpoints of steps " + steps));
        }
        return dir.readCheckpoint(step.get());
    }

    /** Each metric asked for, over the options the run recorded for a metric of the same name. */
    private static List<PluginChoice> overRecorded(List<PluginChoice> recorded, List<PluginChoice> asked) {
        List<PluginChoice> out = new ArrayList<>();
        for (PluginChoice m : asked) {
            PluginChoice base = PluginChoice.of(m.name());
            for (PluginChoice r : recorded) {
                if (m.name() != null && m.name().equals(r.name())) {
                    base = r;
                }
            }
            out.add(base.withOptions(m.options()));
        }
        return out;
    }
}
