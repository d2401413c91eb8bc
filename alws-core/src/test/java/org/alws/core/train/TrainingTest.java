package org.alws.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.AlwsException;
import org.alws.api.ConfigException;
import org.alws.api.PluginException;
import org.alws.api.StorageException;
import org.alws.api.event.StepEvent;
import org.alws.api.event.TrainingListener;
import org.alws.api.tensor.HostArray;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.Checkpoint;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.alws.core.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training runs end to end on the linear-Gaussian test model: learning, run directories, resumption, failures. */
class TrainingTest {
    @TempDir
    Path tmp;

    private final PluginRegistry registry = TestPlugins.registry();

    private static RunConfig config(long steps) {
        return RunConfig.defaults()
                .withModel(PluginChoice.of("linear-gaussian"))
                .withLearner(new PluginChoice("alws", Map.of("sleepSamples", 400)))
                .withOptimizer(new PluginChoice("adam", Map.of("learningRate", 0.03)))
                .withMetrics(List.of(PluginChoice.of("loglik")))
                .withTraining(new TrainingOptions(steps, 50, 5, 10, 0, 0, 3));
    }

    @Test
    void learnsTheMarginalVarianceAndWritesTheRunDirectory() {
        RunSummary s = Training.start(registry, config(300), tmp, "run", List.of());
        Map<String, Double> p = s.parameters();
        double w = p.get("param/w[0]");
        double sd = Math.exp(p.get("param/logS"));
        // The data are N(1, 2²); only b and w² + s² are identifiable.
        assertThat(p.get("param/b[0]")).isCloseTo(1.0, within(0.2));
        assertThat(Math.sqrt(w * w + sd * sd)).isCloseTo(2.0, within(0.2));
        assertThat(s.evaluation().get("loglik")).isCloseTo(-0.5 * Math.log(2 * Math.PI * 4) - 0.5, within(0.1));

        RunDirectory dir = RunDirectory.open(tmp.resolve("run"));
        assertThat(dir.readConfig().get("model").get("name").asText()).isEqualTo("linear-gaussian");
        assertThat(dir.readConfig().get("regressor").get("options").get("ridge").asDouble()).isEqualTo(1.0);
        assertThat(dir.readProvenance().rootSeed()).isEqualTo(1);
        assertThat(dir.readProvenance().dataSha256()).hasSize(64);
        assertThat(dir.readLatestCheckpoint().orElseThrow().step()).isEqualTo(300);
        List<MetricsRecord> records = dir.readMetrics();
        assertThat(records.stream().filter(r -> r.kind().equals("train")).map(MetricsRecord::step))
                .contains(1L, 5L, 300L);
        assertThat(records.stream().filter(r -> r.kind().equals("eval")).map(MetricsRecord::step))
                .containsExactly(300L);
        assertThat(dir.plotsDir().resolve("loss.png")).isNotEmptyFile();
        assertThat(dir.plotsDir().resolve("parameters.png")).isNotEmptyFile();
        assertThat(dir.plotsDir().resolve("samples.png")).isNotEmptyFile();
    }

    /** Stops a run by throwing from a listener once {@code at} steps are done. */
    private static TrainingListener interruptAt(long at) {
        return new TrainingListener() {
            @Override
            public void onStep(StepEvent event) {
                if (event.step() + 1 == at) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
    }

    @Test
    void anInterruptedAndResumedRunEndsBitIdenticalToAnUninterruptedOne() {
        interruptAndResume(config(40));
    }

    /**
     * With learned kernel scales each step also takes a kernel step (its own sleep and validation draws, Adam on the
     * hyper-parameters with its own step count): all of it is checkpointed and a resumed run still ends bit-identical.
     */
    @Test
    void anInterruptedAndResumedRunWithLearnedKernelScalesEndsBitIdentical() {
        RunConfig learned = config(40).withRegressor(new PluginChoice("krr", Map.of("learnHyperparameters", true)));
        Checkpoint end = interruptAndResume(learned);
        assertThat(end.variables()).containsKeys("regressor/logBandwidthScale", "regressor/logRidge",
                "opt/regressor/step", "opt/regressor/logRidge/m", "opt/regressor/logBandwidthScale/v", "opt/step");
        assertThat(end.variables().get("opt/regressor/step").scalarValue()).isEqualTo(40.0);
        assertThat(end.variables().get("regressor/logRidge").scalarValue()).as("learned log ridge after 40 steps")
                .isNotEqualTo(0.0);
        assertThat(RunDirectory.open(tmp.resolve("straight")).readMetrics().stream()
                .filter(r -> r.kind().equals("train")).findFirst().orElseThrow().values())
                .containsKeys("kernel.loss", "bandwidth", "ridge");
    }

    /**
     * With a moving average of the parameters the averages are variables of the run: checkpointed, restored, and
     * moved every step, so a resumed run still ends bit-identical; the averages trail the last values.
     */
    @Test
    void anInterruptedAndResumedRunWithParameterAveragesEndsBitIdentical() {
        RunConfig averaged = config(40).withTraining(config(40).training().withAverageDecay(0.9));
        Checkpoint end = interruptAndResume(averaged);
        assertThat(end.variables()).containsKeys("average/model/b", "average/model/w", "average/model/logS");
        for (String name : List.of("b", "w", "logS")) {
            HostArray last = end.variables().get("model/" + name);
            HostArray average = end.variables().get("average/model/" + name);
            assertThat(average.get(0)).as(name).isFinite().isNotEqualTo(last.get(0));
        }
    }

    @Test
    void anAverageDecayOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> TrainingOptions.defaults().withAverageDecay(1.0)).isInstanceOf(ConfigException.class)
                .hasMessage("averageDecay: got 1.0, expected a number in [0, 1)");
    }

    /**
     * Runs {@code config} straight through and again interrupted after 27 steps (the last checkpoint at 20) and
     * resumed; asserts the final checkpoints hold the same variables bit for bit and the metrics no duplicate step.
     *
     * @return the uninterrupted run's last checkpoint
     */
    private Checkpoint interruptAndResume(RunConfig config) {
        Training.start(registry, config, tmp, "straight", List.of());
        assertThatThrownBy(() -> Training.start(registry, config, tmp, "broken", List.of(interruptAt(27))))
                .hasMessage("interrupted");
        RunDirectory broken = RunDirectory.open(tmp.resolve("broken"));
        assertThat(broken.readLatestCheckpoint().orElseThrow().step()).isEqualTo(20);
        Training.resume(registry, tmp.resolve("broken"), Optional.empty(), List.of());

        Checkpoint a = RunDirectory.open(tmp.resolve("straight")).readLatestCheckpoint().orElseThrow();
        Checkpoint b = broken.readLatestCheckpoint().orElseThrow();
        assertThat(b.step()).isEqualTo(40);
        assertThat(b.variables().keySet()).isEqualTo(a.variables().keySet());
        for (Map.Entry<String, HostArray> e : a.variables().entrySet()) {
            assertThat(b.variables().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        // The metrics of the steps done twice are not duplicated.
        assertThat(broken.readMetrics().stream().filter(r -> r.kind().equals("train")).map(MetricsRecord::step))
                .doesNotHaveDuplicates()
                .isEqualTo(RunDirectory.open(tmp.resolve("straight")).readMetrics().stream()
                        .filter(r -> r.kind().equals("train")).map(MetricsRecord::step).toList());
        return a;
    }

    @Test
    void resumeCanExtendARunAndRefusesACompleteOne() {
        Training.start(registry, config(10), tmp, "run", List.of());
        assertThatThrownBy(() -> Training.resume(registry, tmp.resolve("run"), Optional.empty(), List.of()))
                .isInstanceOf(AlwsException.class)
                .hasMessage("run " + tmp.resolve("run") + " is already complete (10 of 10 steps); pass a larger step"
                        + " count to train further");
        RunSummary s = Training.resume(registry, tmp.resolve("run"), Optional.of(15L), List.of());
        assertThat(s.stepsDone()).isEqualTo(15);
        assertThat(RunDirectory.open(tmp.resolve("run")).readConfig().get("training").get("steps").asLong())
                .isEqualTo(15);
    }

    @Test
    void badConfigurationsFailBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> Training.start(registry, config(10).withModel(PluginChoice.of("lineargaussian")),
                tmp, "a", List.of()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("no model plugin named 'lineargaussian'; available: linear-gaussian");
        assertThatThrownBy(() -> Training.start(registry,
                config(10).withRegressor(new PluginChoice("krr", Map.of("ridge", -1))), tmp, "b", List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("regressor krr: ridge: got -1.0, expected a finite number > 0");
        assertThatThrownBy(() -> Training.start(registry,
                config(10).withLearner(new PluginChoice("alws", Map.of("sleepSamples", -5))), tmp, "c", List.of()))
                .hasMessage("learner alws: sleepSamples: got -5, expected an integer >= 2");
        assertThatThrownBy(() -> Training.start(registry,
                config(10).withTraining(new TrainingOptions(10, 5000, 5, 10, 0, 0, 3)), tmp, "d", List.of()))
                .hasMessage("training.batchSize: got 5000, expected at most the 2000 training examples");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void anExistingRunDirectoryIsNeverOverwritten() throws Exception {
        Training.start(registry, config(10), tmp, "run", List.of());
        byte[] before = Files.readAllBytes(tmp.resolve("run").resolve("config.json"));
        assertThatThrownBy(() -> Training.start(registry, config(20), tmp, "run", List.of()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(tmp.resolve("run").resolve("config.json"))).isEqualTo(before);
    }

    @Test
    void resumingAMissingDirectoryNamesIt() {
        assertThatThrownBy(() -> Training.resume(registry, tmp.resolve("nope"), Optional.empty(), List.of()))
                .isInstanceOf(StorageException.class)
                .hasMessage("run directory " + tmp.resolve("nope") + " does not exist");
    }
}
