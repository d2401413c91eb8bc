package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.data.DatasetProvider;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alws eval} on a small mlp-decoder run over labelled 16×16 test images: FID and KID printed and appended to
 * metrics.jsonl, at the latest or a chosen checkpoint, and one-line errors for runs it cannot score.
 */
class EvalCommandTest {
    @TempDir
    static Path tmp;
    private static Path jar;
    private static Path run;
    private static Path cache;

    private static String[] withPlugins(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", jar.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static String[] eval(String... more) {
        List<String> args = new ArrayList<>(List.of("eval", run.toString(), "--metric", "fid,kid",
                "--set", "metric.samples=120", "--set", "metric.batchSize=50", "--set", "metric.classifierSteps=24",
                "--set", "metric.cacheDir=" + cache, "--set", "kid.kidSubsets=4"));
        args.addAll(List.of(more));
        return withPlugins(args.toArray(String[]::new));
    }

    @BeforeAll
    static void trainASmallRun() throws Exception {
        jar = FakePlugins.jar(tmp.resolve("plugins/patterns.jar"),
                Map.of(DatasetProvider.class, List.of(LabelledPatternsProvider.class.getName())));
        cache = tmp.resolve("cache");
        Cli.Result r = Cli.run(withPlugins("train", "--model", "mlp-decoder", "--data", "labelled-patterns",
                "--set", "model.pixels=256", "--set", "model.likelihood=gaussian", "--set", "model.hidden=16",
                "--set", "model.latent=4", "--set", "learner.sleepSamples=40", "--set", "training.checkpointEvery=2",
                "--steps", "4", "--batch-size", "20", "--runs", tmp.resolve("runs").toString(), "--name", "small",
                "--no-progress"));
        assertThat(r.exitCode()).as(r.both()).isZero();
        run = tmp.resolve("runs/small").toAbsolutePath();
    }

    @Test
    void printsFidAndKidAndAppendsThemToTheMetricsOfTheRun() {
        List<MetricsRecord> before = RunDirectory.open(run).readMetrics();
        Cli.Result r = Cli.run(eval());
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).matches("Evaluated small at step 4: fid, kid, .+ s");
        List<String> names = List.of("fid", "fid_floor", "fid_noise", "classifier_accuracy", "kid", "kid_stderr",
                "kid_floor", "kid_noise");
        for (int i = 0; i < names.size(); i++) {
            assertThat(out.get(1 + i)).matches("  " + names.get(i) + " +-?[0-9.e-]+");
        }
        assertThat(out.get(1 + names.size())).isEqualTo("Recorded in " + run.resolve("metrics.jsonl"));

        List<MetricsRecord> after = RunDirectory.open(run).readMetrics();
        assertThat(after.subList(0, before.size())).as("what was there is kept").isEqualTo(before);
        assertThat(after).hasSize(before.size() + 1);
        MetricsRecord eval = after.get(after.size() - 1);
        assertThat(eval.step()).isEqualTo(4);
        assertThat(eval.kind()).isEqualTo("eval");
        assertThat(eval.values().keySet()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(eval.value("fid_floor")).isLessThan(eval.value("fid_noise"));
        assertThat(eval.value("kid_floor")).isLessThan(eval.value("kid_noise"));
        assertThat(eval.value("fid")).isPositive();
        assertThat(eval.value("classifier_accuracy")).isGreaterThan(0.8);
        assertThat(cache.resolve("image-classifiers")).isDirectoryContaining("glob:**.ckpt");
    }

    @Test
    void evaluatesTheCheckpointOfAChosenStep() {
        Cli.Result r = Cli.run(eval("--step", "2"));
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).startsWith("Evaluated small at step 2: fid, kid, ");
        List<MetricsRecord> records = RunDirectory.open(run).readMetrics();
        MetricsRecord last = records.get(records.size() - 1);
        assertThat(last.step()).isEqualTo(2);
        assertThat(last.kind()).isEqualTo("eval");
        assertThat(last.values()).containsKeys("fid", "kid");
    }

    @Test
    void aStepWithoutACheckpointIsAStorageError() {
        Cli.Result r = Cli.run(eval("--step", "3"));
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("alws: run " + run + " has no checkpoint of step 3; it has checkpoints of "
                + "steps [2, 4]\n");
    }

    @Test
    void aRunWithoutACheckpointExplainsWhatTheMetricsNeed() {
        Path fresh = RunDirectory.create(tmp.resolve("runs"), "fresh").path();
        Cli.Result r = Cli.run(withPlugins("eval", fresh.toString(), "--metric", "fid"));
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("alws: run " + fresh + " has no checkpoint to evaluate: metrics score the "
                + "trained model (FID and KID draw samples from it); train or resume the run first\n");
    }

    @Test
    void aMissingRunDirectoryIsAStorageError() {
        Path missing = tmp.resolve("runs/nothing-here");
        Cli.Result r = Cli.run("eval", missing.toString(), "--metric", "fid");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("alws: run directory " + missing + " does not exist\n");
        assertThat(missing).doesNotExist();
    }

    @Test
    void optionsNoMetricHasAndMetricsThatDoNotApplyAreOneLineErrors() {
        Cli.Result bogus = Cli.run(eval("--set", "metric.bogus=1"));
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err()).isEqualTo("alws: --set: got 'metric.bogus=1', expected an option of at least one of"
                + " the metrics named (fid, kid)\n");
        Cli.Result loglik = Cli.run(withPlugins("eval", run.toString(), "--metric", "loglik"));
        assertThat(loglik.exitCode()).isEqualTo(6);
        assertThat(loglik.err()).isEqualTo("alws: metric loglik needs a model with an exact likelihood; "
                + "MlpDecoderModel has none\n");
        Cli.Result unknown = Cli.run(withPlugins("eval", run.toString(), "--metric", "fdi"));
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).startsWith("alws: ").contains("fdi").doesNotContain("\n\n");
        assertThat(Files.exists(run.resolve("metrics.jsonl"))).isTrue();
    }
}
