package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.core.run.Json;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainResumeTest {
    /** A run small enough for a unit test: tiny data, N = 50, 20 steps. */
    private static List<String> smallRun(Path runs, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train",
                "--set", "data.trainSize=200", "--set", "data.testSize=100",
                "--set", "learner.sleepSamples=50", "--set", "training.checkpointEvery=10",
                "--set", "training.logEvery=5", "--steps", "20", "--batch-size", "20", "--metric", "loglik",
                "--runs", runs.toString(), "--name", name, "--no-progress"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void trainsIntoANewRunDirectoryAndResumesIt(@TempDir Path runs) throws Exception {
        Cli.Result r = Cli.run(smallRun(runs, "small").toArray(String[]::new));
        assertThat(r.exitCode()).as(r.both()).isZero();
        Path dir = runs.resolve("small").toAbsolutePath();
        assertThat(dir.resolve("config.json")).isRegularFile();
        assertThat(dir.resolve("provenance.json")).isRegularFile();
        assertThat(dir.resolve("metrics.jsonl")).isRegularFile();
        assertThat(dir.resolve("checkpoints/latest")).hasContent("step-000000020.ckpt");
        assertThat(dir.resolve("plots/loss.png")).isRegularFile();
        assertThat(dir.resolve("plots/evaluation.png")).isRegularFile();

        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).matches("Trained small: 20 steps, .+ s");
        assertThat(out.get(1)).isEqualTo("  run directory  " + dir);
        assertThat(out.get(2)).matches("  final loss +-?[0-9.e-]+");
        assertThat(out).contains("Evaluation on held-out data:", "Parameters:", "Plots:",
                "  " + dir.resolve("plots/loss.png"));
        assertThat(out).anySatisfy(l -> assertThat(l).matches("  loglik +-[0-9.]+"));
        assertThat(out).anySatisfy(l -> assertThat(l).matches("  b\\[0\\] +-?[0-9.e-]+"));

        List<String> err = r.err().lines().filter(l -> !l.isBlank() && !isNativeLog(l)).toList();
        assertThat(err.get(0)).isEqualTo("training run small at step 0 of 20");
        assertThat(err).filteredOn(l -> l.startsWith("step ")).hasSize(20).last().asString()
                .startsWith("step 20/20  loss ");
        assertThat(err).anySatisfy(l -> assertThat(l).startsWith("evaluation at step 20:  loglik -"));

        // The recorded configuration holds every setting, with the flags' values.
        RunConfig stored = RunConfig.fromMap(Json.toMap(RunDirectory.open(dir).readConfig()), RunConfig.defaults());
        assertThat(stored.model().name()).isEqualTo("gradient-estimation");
        assertThat(stored.data().name()).isEqualTo("gradient-estimation");
        assertThat(stored.learner().options()).containsEntry("sleepSamples", 50);
        assertThat(stored.training().steps()).isEqualTo(20);
        assertThat(stored.training().batchSize()).isEqualTo(20);

        Cli.Result resumed = Cli.run("resume", dir.toString(), "--steps", "30", "--no-progress");
        assertThat(resumed.exitCode()).as(resumed.both()).isZero();
        assertThat(resumed.out()).startsWith("Resumed small: 30 steps, ");
        assertThat(resumed.err()).contains("resuming run small at step 20 of 30\n").contains("step 30/30  loss ");
        assertThat(dir.resolve("checkpoints/latest")).hasContent("step-000000030.ckpt");
        List<MetricsRecord> records = RunDirectory.open(dir).readMetrics();
        assertThat(records.get(records.size() - 1).step()).isEqualTo(30);
        assertThat(records).filteredOn(m -> m.kind().equals("eval")).extracting(MetricsRecord::step)
                .containsExactly(20L, 30L);
        RunConfig after = RunConfig.fromMap(Json.toMap(RunDirectory.open(dir).readConfig()), RunConfig.defaults());
        assertThat(after.training().steps()).isEqualTo(30);

        Cli.Result complete = Cli.run("resume", dir.toString(), "--no-progress");
        assertThat(complete.exitCode()).isEqualTo(1);
        assertThat(complete.err()).isEqualTo("alws: run " + dir + " is already complete (30 of 30 steps); pass a "
                + "larger step count to train further\n");
    }

    @Test
    void resumingAMissingDirectoryIsAStorageErrorAndCreatesNothing(@TempDir Path tmp) {
        Path missing = tmp.resolve("runs/nothing-here");
        Cli.Result r = Cli.run("resume", missing.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("alws: run directory " + missing + " does not exist\n");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void resumingADirectoryThatIsNoRunIsAStorageError(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("plain"));
        Cli.Result r = Cli.run("resume", tmp.resolve("plain").toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("alws: " + tmp.resolve("plain") + " is not a run directory: it has no "
                + "config.json\n");
    }

    @Test
    void trainingIntoAnExistingRunLeavesItUntouched(@TempDir Path runs) throws Exception {
        Path dir = Files.createDirectories(runs.resolve("taken"));
        Path config = Files.writeString(dir.resolve("config.json"), "{\"formatVersion\": 1}\n");
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"), "{\"step\":1,\"kind\":\"train\"}\n");
        FileTime before = Files.getLastModifiedTime(config);
        Cli.Result r = Cli.run(smallRun(runs, "taken").toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("alws: run directory " + dir.toAbsolutePath() + " already exists and is not "
                + "empty; choose another run name or remove it\n");
        assertThat(config).hasContent("{\"formatVersion\": 1}");
        assertThat(metrics).hasContent("{\"step\":1,\"kind\":\"train\"}");
        assertThat(Files.getLastModifiedTime(config)).isEqualTo(before);
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactlyInAnyOrder(config, metrics);
        }
    }

    @Test
    void divergingRunIsANumericalFailure(@TempDir Path runs) {
        List<String> args = smallRun(runs, "diverged", "--set", "optimizer.learningRate=1e6");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.both()).isEqualTo(5);
        assertThat(r.out()).isEmpty();
        List<String> err = r.err().lines().toList();
        assertThat(err.get(err.size() - 2)).startsWith("stopped after ");
        assertThat(err.get(err.size() - 1)).startsWith("alws: ").contains("training stopped after ");
    }

    @Test
    void runNameMustBeAPlainDirectoryName(@TempDir Path runs) {
        Cli.Result r = Cli.run("train", "--runs", runs.toString(), "--name", "a/b");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --name: got 'a/b', expected a plain directory name\n");
    }

    @Test
    void defaultsThenConfigFileThenFlags(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("c.json"), "{\"seed\": 7, \"dtype\": \"float64\","
                + " \"learner\": {\"name\": \"alws\", \"options\": {\"sleepSamples\": 300, \"jitterAttempts\": 2}},"
                + " \"training\": {\"steps\": 50, \"batchSize\": 10}}");
        RunConfig c = configuration("train", "--config", file.toString(), "--steps", "70",
                "--set", "learner.sleepSamples=400", "--set", "optimizer.learningRate=0.05", "--seed", "9");
        assertThat(c.seed()).isEqualTo(9);
        assertThat(c.dtype().label()).isEqualTo("float64");
        assertThat(c.training().steps()).isEqualTo(70);
        assertThat(c.training().batchSize()).isEqualTo(10);
        assertThat(c.learner().name()).isEqualTo("alws");
        assertThat(c.learner().options()).containsExactlyInAnyOrderEntriesOf(
                Map.of("sleepSamples", "400", "jitterAttempts", 2));
        assertThat(c.optimizer().name()).isNull();
        assertThat(c.optimizer().options()).containsExactlyEntriesOf(Map.of("learningRate", "0.05"));

        RunConfig defaults = configuration("train");
        assertThat(defaults).isEqualTo(RunConfig.defaults());
    }

    @Test
    void namingAnotherPluginDropsTheConfigFilesOptionsForIt(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("c.json"),
                "{\"optimizer\": {\"name\": \"adam\", \"options\": {\"beta1\": 0.5}}, \"metrics\": [\"loglik\"]}");
        RunConfig c = configuration("train", "--config", file.toString(), "--optimizer", "sgd");
        assertThat(c.optimizer().name()).isEqualTo("sgd");
        assertThat(c.optimizer().options()).isEmpty();
        assertThat(c.metrics()).extracting(m -> m.name()).containsExactly("loglik");
    }

    @Test
    void setMetricReachesEveryMetricWithTheOptionAndAnUnknownOneIsNamed() {
        RunConfig c = configuration("train", "--metric", "fid", "--metric", "loglik", "--set", "metric.samples=1234");
        assertThat(c.metrics()).extracting(m -> m.name()).containsExactly("fid", "loglik");
        assertThat(String.valueOf(c.metrics().get(0).options().get("samples"))).isEqualTo("1234");
        assertThat(c.metrics().get(1).options()).isEmpty();
        assertThatThrownBy(() -> configuration("train", "--metric", "loglik", "--set", "metric.samples=5"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set: got 'metric.samples=5', expected an option of one of the metrics (loglik)");
    }

    private static RunConfig configuration(String... args) {
        CommandLine cmd = Main.commandLine(Map.of());
        CommandLine.ParseResult parsed = cmd.parseArgs(args);
        TrainCommand train = (TrainCommand) parsed.subcommand().commandSpec().userObject();
        return train.configuration();
    }

    private static boolean isNativeLog(String line) {
        return line.startsWith("WARNING: All log messages before absl") || line.matches("[IWE]\\d{4} .*");
    }
}
