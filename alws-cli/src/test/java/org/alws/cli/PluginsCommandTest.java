package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.model.ModelProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {

    @Test
    void listsEveryKindWithNameVersionPrioritySourceStatusAndDescription() {
        Cli.Result r = Cli.run("plugins");
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).contains("model:", "learner:", "regressor:", "kernel:", "optimizer:", "dataset:",
                "metric:", "backend:", "preset:");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "  NAME +VERSION +PRIORITY +SOURCE +STATUS +DESCRIPTION"));
        // From the alws-models JAR (or its class directory in a reactor build).
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "  gradient-estimation +\\S+ +10 +\\S*alws-models\\S* +default +2-D latent z ~ N\\(0, I\\).*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "  alws +\\S+ +100 +\\S*alws-core\\S* +default +amortised learning by wake-sleep.*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  sgd +\\S+ +0 +\\S*alws-core\\S* +available +.*"));
        assertThat(r.out()).doesNotContain("options:").doesNotContain("Problems:");
    }

    @Test
    void verboseAddsEachPluginsOptions() {
        Cli.Result r = Cli.run("plugins", "--verbose", "--kind", "learner");
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).startsWith("learner:\n").doesNotContain("model:");
        assertThat(r.out().lines()).contains("      options:");
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches(
                "        sleepSamples +integer +1000 +N, joint samples drawn from the model per step"));
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches(
                "        objective +one of auto, exponential-family, log-joint +\"auto\" +regression targets.*"));
    }

    @Test
    void kindAcceptsDataForDataset() {
        Cli.Result r = Cli.run("plugins", "--kind", "data");
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).startsWith("dataset:\n");
    }

    @Test
    void unknownKindIsAUsageError() {
        Cli.Result r = Cli.run("plugins", "--kind", "widget");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("alws: Invalid value for option '--kind': got 'widget', expected one of model, "
                + "learner, regressor, kernel, optimizer, dataset, metric, backend, preset (try 'alws plugins --help')"
                + "\n");
    }

    @Test
    void pluginJarsAddProvidersAndProblemsAreListed(@TempDir Path dir) throws Exception {
        FakePlugins.jar(dir.resolve("extra.jar"), Map.of(
                LearnerProvider.class, List.of(FakePlugins.PlainLearnerProvider.class.getName(),
                        "org.example.Missing"),
                ModelProvider.class, List.of(FakePlugins.DuplicateModelProvider.class.getName())));
        Cli.Result r = Cli.run("--plugins", dir.toString(), "plugins");
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  plain +\\S+ +0 +\\S+ +available +a test learner.*"));
        // A provider class that cannot be loaded is listed by class name with the reason, attributed to its JAR.
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "  org\\.example\\.Missing +unknown +0 +extra\\.jar +unavailable"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("      unavailable: failed to load: "));
        int problems = lines.indexOf("Problems:");
        assertThat(problems).as(r.out()).isPositive();
        assertThat(lines.get(problems + 1)).startsWith("  duplicate model plugin 'gradient-estimation': found in ");
    }

    @Test
    void pluginsComeFromTheEnvironmentVariableToo(@TempDir Path dir) throws Exception {
        Path jar = FakePlugins.jar(dir.resolve("a/learner.jar"),
                Map.of(LearnerProvider.class, List.of(FakePlugins.PlainLearnerProvider.class.getName())));
        Files.createDirectories(dir.resolve("empty"));
        String env = dir.resolve("empty") + File.pathSeparator + jar;
        Cli.Result r = Cli.runWithEnvironment(Map.of("ALWS_PLUGINS", env), "plugins", "--kind", "learner");
        assertThat(r.exitCode()).as(r.both()).isZero();
        // The provider class itself loads through the parent (the test classes); the JAR only registers it.
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches("  plain +dev +0 +\\S+ +available +.*"));
    }

    @Test
    void brokenPluginJarIsAPluginError(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip archive");
        Cli.Result r = Cli.run("--plugins", dir.toString(), "plugins");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("alws: plugin JAR " + broken + " cannot be read: zip END header not found\n");
    }

    @Test
    void brokenJarInTheEnvironmentIsAPluginErrorForEveryCommand(@TempDir Path dir) throws Exception {
        Path broken = Files.write(dir.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});
        Cli.Result r = Cli.runWithEnvironment(Map.of("ALWS_PLUGINS", broken.toString()), "train", "--steps", "1");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("alws: plugin JAR " + broken + " cannot be read: ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void missingPluginDirectoryIsAPluginError(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        Cli.Result r = Cli.run("plugins", "--plugins", missing.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("alws: plugin directory " + missing + " does not exist\n");
    }
}
