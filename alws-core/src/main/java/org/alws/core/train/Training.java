package org.alws.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.AlwsException;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunFinished;
import org.alws.api.event.StepEvent;
import org.alws.api.event.TrainingListener;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.Checkpoint;
import org.alws.core.run.DataHash;
import org.alws.core.run.Json;
import org.alws.core.run.MetricsJsonlListener;
import org.alws.core.run.Provenance;
import org.alws.core.run.RunDirectory;

/**
 * Starts and resumes training runs in run directories. Everything is checked (plugins resolved, options validated,
 * data loaded, model and learner compatible, functions compiled) before the run directory is created, so a bad
 * configuration leaves nothing behind and an existing directory is never overwritten. Besides metrics.jsonl and the
 * checkpoints, every run writes its per-epoch pictures (sample grids of image models, metrics against epochs; see
 * {@link EpochOutputs}) and, at the end, its plots ({@link RunPlots}) and the figures the model and the data set
 * draw of the trained run ({@link org.alws.api.model.DrawsFigures}).
 */
public final class Training {
    private Training() {
    }

    /**
     * Trains a new run in {@code parent/name}.
     *
     * @param listeners extra listeners (progress display, ...); metrics.jsonl is always written
     */
    public static RunSummary start(PluginRegistry registry, RunConfig config, Path parent, String name,
            List<TrainingListener> listeners) {
        ResolvedRun resolved = ResolvedRun.resolve(registry, config);
        try (TrainingRun run = TrainingRun.open(resolved)) {
            run.initialiseFromData();
            RunDirectory dir = RunDirectory.create(parent, name);
            dir.writeConfig(resolved.config().toMap());
            dir.writeProvenance(provenance(run));
            return trainAndReport(run, dir, 0, listeners);
        }
    }

    /**
     * Continues the run in {@code directory} from its latest checkpoint up to its configured number of steps, or
     * to {@code totalSteps} if given (which is then recorded in config.json).
     *
     * @throws org.alws.api.StorageException if the directory is missing, not a run, from another format version,
     *     or its checkpoint does not match its configuration
     */
    public static RunSummary resume(PluginRegistry registry, Path directory, Optional<Long> totalSteps,
            List<TrainingListener> listeners) {
        RunDirectory dir = RunDirectory.open(directory);
        Map<String, Object> stored = new LinkedHashMap<>(Json.toMap(dir.readConfig()));
        stored.remove("formatVersion");
        RunConfig config = RunConfig.fromMap(stored, RunConfig.defaults());
        if (totalSteps.isPresent()) {
            config = config.withTraining(config.training().withSteps(totalSteps.get()));
        }
        ResolvedRun resolved = ResolvedRun.resolve(registry, config);
        try (TrainingRun run = TrainingRun.open(resolved)) {
            long first = 0;
            Optional<Checkpoint> latest = dir.readLatestCheckpoint();
            if (latest.isPresent()) {
                run.restore(latest.get(), dir.latestCheckpointFile().map(Path::toString).orElse("?"));
                first = latest.get().step();
            }
            long total = run.totalSteps();
            if (first >= total) {
                throw new AlwsException("run " + dir.path() + " is already complete (" + first + " of " + total
                        + " steps); pass a larger step count to train further");
            }
            if (totalSteps.isPresent()) {
                dir.writeConfig(resolved.config().toMap());
            }
            return trainAndReport(run, dir, first, listeners);
        }
    }

    private static RunSummary trainAndReport(TrainingRun run, RunDirectory dir, long first,
            List<TrainingListener> listeners) {
        long start = System.nanoTime();
        LastValues last = new LastValues();
        List<TrainingListener> all = new ArrayList<>();
        all.add(new MetricsJsonlListener(dir, run.resolved().config().training().logEvery()));
        all.add(last);
        all.add(new EpochOutputs(run, dir));
        all.addAll(listeners);
        long done = run.train(dir, first, all);
        RunPlots.write(dir, run);
        run.drawFigures(dir.plotsDir());
        return new RunSummary(dir.path(), done, run.totalSteps(), run.stepsPerEpoch(), last.loss, last.evaluation,
                run.smallParameters(), (System.nanoTime() - start) / 1e9, last.stopReason);
    }

    /** Provenance of a run: versions, seed, plugins, data hash, backend and floating type. */
    static Provenance provenance(TrainingRun run) {
        List<Provenance.PluginVersion> plugins = new ArrayList<>();
        for (var e : run.resolved().components().entrySet()) {
            plugins.add(Provenance.PluginVersion.of(e.getValue().info()));
        }
        RunConfig c = run.resolved().config();
        return Provenance.capture(c.seed(), plugins, DataHash.sha256(run.data().train().all()),
                run.workspace().description(), c.dtype().label());
    }

    /** Remembers the last loss, the last evaluation and why the run stopped, for the summary. */
    private static final class LastValues implements TrainingListener {
        double loss = Double.NaN;
        Map<String, Double> evaluation = Map.of();
        String stopReason = "";

        @Override
        public void onFinish(RunFinished event) {
            stopReason = event.completed() ? "" : event.reason();
        }

        @Override
        public void onStep(StepEvent event) {
            loss = event.loss();
        }

        @Override
        public void onEvaluation(EvaluationEvent event) {
            evaluation = event.values();
        }
    }
}
