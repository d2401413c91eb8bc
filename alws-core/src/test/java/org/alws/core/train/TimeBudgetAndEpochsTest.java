package org.alws.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.alws.api.event.RunFinished;
import org.alws.api.event.TrainingListener;
import org.alws.api.tensor.HostArray;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.Checkpoint;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.alws.core.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs measured in epochs with evaluations at epoch ends, and the wall-clock budget: a spent budget stops training
 * with a final evaluation and checkpoint, and resuming continues exactly where an uninterrupted run would be.
 */
class TimeBudgetAndEpochsTest {
    /** The test data set's 2,000 training examples in batches of 50. */
    private static final long STEPS_PER_EPOCH = 40;

    @TempDir
    Path tmp;

    private final PluginRegistry registry = TestPlugins.registry();

    private static RunConfig config(TrainingOptions training) {
        return RunConfig.defaults()
                .withModel(PluginChoice.of("linear-gaussian"))
                .withLearner(new PluginChoice("alws", Map.of("sleepSamples", 200)))
                .withOptimizer(new PluginChoice("adam", Map.of("learningRate", 0.03)))
                .withMetrics(List.of(PluginChoice.of("loglik")))
                .withTraining(training);
    }

    private static List<Long> evaluationSteps(Path run) {
        return RunDirectory.open(run).readMetrics().stream().filter(r -> r.kind().equals("eval"))
                .map(MetricsRecord::step).toList();
    }

    @Test
    void epochsSetTheLengthAndEpochEvaluationsIncludeTheInitialModel() throws Exception {
        TrainingOptions t = new TrainingOptions(7, 2, 50, 10, 1000, 0, 1, 0, 3, 0, 0);
        RunSummary s = Training.start(registry, config(t), tmp, "epochs", List.of());

        assertThat(s.stepsDone()).isEqualTo(2 * STEPS_PER_EPOCH);
        assertThat(s.totalSteps()).isEqualTo(2 * STEPS_PER_EPOCH);
        assertThat(s.stepsPerEpoch()).isEqualTo(STEPS_PER_EPOCH);
        assertThat(s.epochs()).isEqualTo(2.0);
        assertThat(s.stoppedEarly()).isFalse();
        assertThat(evaluationSteps(tmp.resolve("epochs"))).containsExactly(0L, STEPS_PER_EPOCH, 2 * STEPS_PER_EPOCH);
        // metrics.png is drawn for every run with evaluations; the samples grids only for image data.
        assertThat(tmp.resolve("epochs/plots/metrics.png")).isNotEmptyFile();
        try (Stream<Path> plots = Files.list(tmp.resolve("epochs/plots"))) {
            assertThat(plots.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("samples-epoch-"));
        }
    }

    @Test
    void aSpentBudgetStopsWithAFinalEvaluationAndCheckpointAndResumeContinuesExactly() {
        List<RunFinished> finishes = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onFinish(RunFinished event) {
                finishes.add(event);
            }
        };
        // A budget of a nanosecond is spent by the first step, whatever the machine.
        TrainingOptions budget = new TrainingOptions(10, 50, 5, 100, 0, 0, 3).withMaxSeconds(1e-9);
        RunSummary first = Training.start(registry, config(budget), tmp, "budget", List.of(recorder));

        String reason = "stopped on the time budget (training.maxSeconds = 1.0E-9) after 1 of 10 steps";
        assertThat(first.stepsDone()).isEqualTo(1);
        assertThat(first.totalSteps()).isEqualTo(10);
        assertThat(first.stopReason()).isEqualTo(reason);
        assertThat(first.evaluation()).containsKey("loglik");
        assertThat(finishes).singleElement().satisfies(f -> {
            assertThat(f.completed()).isFalse();
            assertThat(f.reason()).isEqualTo(reason);
        });
        RunDirectory dir = RunDirectory.open(tmp.resolve("budget"));
        assertThat(dir.readLatestCheckpoint().orElseThrow().step()).isEqualTo(1);
        assertThat(evaluationSteps(dir.path())).containsExactly(1L);

        RunSummary second = Training.resume(registry, dir.path(), Optional.empty(), List.of());
        assertThat(second.stepsDone()).isEqualTo(2);
        assertThat(second.stopReason()).endsWith("after 2 of 10 steps");
        assertThat(evaluationSteps(dir.path())).containsExactly(1L, 2L);

        // The same two steps without a budget reach the same variables, bit for bit.
        Training.start(registry, config(new TrainingOptions(10, 50, 5, 100, 0, 0, 3).withSteps(2)), tmp, "straight",
                List.of());
        Checkpoint resumed = dir.readLatestCheckpoint().orElseThrow();
        Checkpoint straight = RunDirectory.open(tmp.resolve("straight")).readLatestCheckpoint().orElseThrow();
        assertThat(resumed.step()).isEqualTo(straight.step()).isEqualTo(2);
        assertThat(resumed.variables().keySet()).isEqualTo(straight.variables().keySet());
        for (Map.Entry<String, HostArray> e : straight.variables().entrySet()) {
            assertThat(resumed.variables().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void withoutABudgetTheRunCompletes() {
        RunSummary s = Training.start(registry, config(new TrainingOptions(3, 50, 5, 100, 0, 0, 3)), tmp, "plain",
                List.of());
        assertThat(s.stepsDone()).isEqualTo(3);
        assertThat(s.stopReason()).isEmpty();
        assertThat(evaluationSteps(tmp.resolve("plain"))).containsExactly(3L);
    }
}
