package org.alws.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.alws.api.StorageException;
import org.alws.api.plugin.PluginKind;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.registry.fakes.WorkingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void createMakesTheLayoutWithAFormatVersion() {
        RunDirectory run = RunDirectory.create(temp.resolve("runs"), "ppca-alws");

        assertThat(run.path()).isEqualTo(temp.resolve("runs/ppca-alws").toAbsolutePath());
        assertThat(run.name()).isEqualTo("ppca-alws");
        assertThat(run.path().resolve("checkpoints")).isDirectory();
        assertThat(run.path().resolve("plots")).isDirectory();
        assertThat(run.plotsDir()).isEqualTo(run.path().resolve("plots"));
        assertThat(run.readConfig().get("formatVersion").intValue()).isEqualTo(1);
        assertThat(RunDirectory.open(run.path()).path()).isEqualTo(run.path());
    }

    @Test
    void createRefusesAnExistingNonEmptyDirectory() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(dir.resolve("results.txt"), "precious");

        assertThatThrownBy(() -> RunDirectory.create(temp, "taken"))
                .isInstanceOf(StorageException.class)
                .hasMessage("run directory " + dir.toAbsolutePath() + " already exists and is not empty;"
                        + " choose another run name or remove it");
        assertThat(Files.readString(dir.resolve("results.txt"))).isEqualTo("precious");
        assertThat(dir.resolve("config.json")).doesNotExist();
    }

    @Test
    void createRefusesAnExistingRunAndAFile() throws IOException {
        RunDirectory.create(temp, "first");
        assertThatThrownBy(() -> RunDirectory.create(temp, "first")).isInstanceOf(StorageException.class)
                .hasMessageContaining("already exists and is not empty");

        Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> RunDirectory.create(temp, "file"))
                .hasMessage("run directory " + temp.resolve("file").toAbsolutePath()
                        + " already exists and is not a directory");
    }

    @Test
    void createAcceptsAnExistingEmptyDirectory() throws IOException {
        Files.createDirectories(temp.resolve("empty"));

        RunDirectory run = RunDirectory.create(temp, "empty");

        assertThat(run.path().resolve("config.json")).isRegularFile();
    }

    @Test
    void createRefusesNamesThatAreNotPlainDirectoryNames() {
        for (String bad : List.of("", " ", "a/b", "..", ".", "a\\b", " padded")) {
            assertThatThrownBy(() -> RunDirectory.create(temp, bad)).as(bad)
                    .isInstanceOf(StorageException.class)
                    .hasMessage("run name '" + bad + "' is not a plain directory name");
        }
    }

    @Test
    void openRefusesWhatIsNotARunDirectoryOfThisFormat() throws IOException {
        Path missing = temp.resolve("x/y");
        assertThatThrownBy(() -> RunDirectory.open(missing))
                .isInstanceOf(StorageException.class)
                .hasMessage("run directory " + missing.toAbsolutePath() + " does not exist");

        Path plain = Files.createDirectories(temp.resolve("plain"));
        assertThatThrownBy(() -> RunDirectory.open(plain))
                .hasMessage(plain.toAbsolutePath() + " is not a run directory: it has no config.json");

        Files.writeString(plain.resolve("config.json"), "{\"model\": \"ppca\"}");
        assertThatThrownBy(() -> RunDirectory.open(plain))
                .hasMessage(plain.toAbsolutePath() + " is not a run directory: its config.json has no integer "
                        + "formatVersion");

        Files.writeString(plain.resolve("config.json"), "{\"formatVersion\": 7}");
        assertThatThrownBy(() -> RunDirectory.open(plain))
                .isInstanceOf(StorageException.class)
                .hasMessage("run directory " + plain.toAbsolutePath()
                        + " has format version 7; this alws reads format version 1");

        Files.writeString(plain.resolve("config.json"), "{\"formatVersion\": ");
        assertThatThrownBy(() -> RunDirectory.open(plain))
                .hasMessageStartingWith(plain.resolve("config.json").toAbsolutePath() + " is not valid JSON: ");
    }

    @Test
    void configIsWrittenSortedWithTheFormatVersion() throws IOException {
        RunDirectory run = RunDirectory.create(temp, "r");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("steps", 2000);
        config.put("model", Map.of("name", "ppca", "options", Map.of("latentDim", 2)));
        config.put("learner", Map.of("name", "alws", "options", Map.of("ridge", 0.1 + 0.2)));
        config.put("formatVersion", 99);

        run.writeConfig(config);

        ObjectNode read = RunDirectory.open(run.path()).readConfig();
        assertThat(read.get("formatVersion").intValue()).isEqualTo(1);
        assertThat(read.get("steps").intValue()).isEqualTo(2000);
        assertThat(read.at("/learner/options/ridge").doubleValue()).isEqualTo(0.1 + 0.2);
        assertThat(read.at("/model/options/latentDim").intValue()).isEqualTo(2);
        String text = Files.readString(run.path().resolve("config.json"));
        assertThat(text).startsWith("{\n  \"formatVersion\": 1,\n  \"learner\": {")
                .endsWith("}\n")
                .doesNotContain("\r");
        assertThat(text.indexOf("\"model\"")).isLessThan(text.indexOf("\"steps\""));
        assertThat(Json.toMap(read)).containsKeys("learner", "model", "steps", "formatVersion");
    }

    @Test
    void configFromAJsonTreeMustBeAnObject() {
        RunDirectory run = RunDirectory.create(temp, "r");
        JsonNode tree = Json.toTree(Map.of("a", List.of(1, 2)));

        run.writeConfig(tree);

        assertThat(run.readConfig().get("a").get(1).intValue()).isEqualTo(2);
        assertThat(tree.has("formatVersion")).as("the caller's tree is not modified").isFalse();
        assertThatThrownBy(() -> run.writeConfig(Json.toTree(List.of(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run configuration must be a JSON object, got ARRAY");
    }

    @Test
    void provenanceRoundTrips() {
        RunDirectory run = RunDirectory.create(temp, "r");
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123456Z"), ZoneOffset.UTC);
        PluginRegistry registry = PluginRegistry.of(List.of(new WorkingModel()));
        Provenance p = Provenance.capture(-42L,
                List.of(Provenance.PluginVersion.of(registry.require(PluginKind.MODEL, "working")),
                        new Provenance.PluginVersion("learner", "alws", "0.1.0")),
                "ab".repeat(32), "tensorflow 1.1.0 (cpu)", "float32", clock).withExtra("device", "cpu");

        run.writeProvenance(p);

        Provenance read = RunDirectory.open(run.path()).readProvenance();
        assertThat(read).isEqualTo(p);
        assertThat(read.timestamp()).isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(read.javaVersion()).startsWith(System.getProperty("java.runtime.version"))
                .contains(System.getProperty("java.vendor"));
        assertThat(read.arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(read.os()).startsWith(System.getProperty("os.name"));
        assertThat(read.alwsVersion()).isEqualTo("dev");
        assertThat(read.plugins().get(0)).isEqualTo(new Provenance.PluginVersion("model", "working", "dev"));
        assertThat(read.extra()).containsExactly(Map.entry("device", "cpu"));
    }

    @Test
    void aMissingProvenanceIsAnErrorNamingTheFile() {
        RunDirectory run = RunDirectory.create(temp, "r");

        assertThatThrownBy(run::readProvenance)
                .isInstanceOf(StorageException.class)
                .hasMessage(run.path().resolve("provenance.json") + " does not exist");
    }

    @Test
    void metricsGoToMetricsJsonl() {
        RunDirectory run = RunDirectory.create(temp, "r");

        run.appendMetrics(10, MetricsLog.TRAIN, Map.of("loss", 1.5));

        assertThat(run.metrics().file()).isEqualTo(run.path().resolve("metrics.jsonl"));
        assertThat(RunDirectory.open(run.path()).readMetrics())
                .containsExactly(new MetricsRecord(10, "train", Map.of("loss", 1.5)));
    }

    @Test
    void atomicWritesLeaveNoTemporaryFiles() throws IOException {
        RunDirectory run = RunDirectory.create(temp, "r");
        for (int i = 0; i < 5; i++) {
            run.writeConfig(Map.of("i", i));
        }

        try (Stream<Path> files = Files.list(run.path())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config.json", "checkpoints", "plots");
        }
    }
}
