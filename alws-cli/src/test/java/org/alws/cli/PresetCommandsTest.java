package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.alws.api.AlwsException;
import org.alws.api.plugin.PluginKind;
import org.alws.api.preset.PresetProvider;
import org.alws.core.config.OptionsBinder;
import org.alws.core.preset.Presets;
import org.alws.core.registry.PluginInfo;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alws run} and {@code alws compare}: listing presets, unknown names, every shipped preset resolving against
 * the installed plugins, the per-epoch pictures, the time budget with resumption, and the comparison report, on a
 * tiny image preset registered through a plugin JAR.
 */
class PresetCommandsTest {
    /** The image presets of alws-models, by name. */
    static final List<String> IMAGE_PRESETS = List.of("binarised-mnist-cpu", "binarised-mnist-paper",
            "fashion-mnist-cpu", "fashion-mnist-paper", "mnist-cpu", "mnist-paper");
    /** Width of an 8 x 8 grid of 8 x 8 images drawn at zoom 7 (see ImageGrid). */
    static final int GRID_WIDTH = 190 + 8 * (8 * 7 + 4) + 4;
    /** Height of one row of such images. */
    static final int ROW_HEIGHT = 8 * 7 + 4;

    @TempDir
    static Path cache;

    @TempDir
    Path tmp;

    @BeforeAll
    static void cacheClassifiersInATemporaryDirectory() {
        System.setProperty(TinyImagePlugins.CACHE_PROPERTY, cache.toString());
    }

    @AfterAll
    static void forgetTheCache() {
        System.clearProperty(TinyImagePlugins.CACHE_PROPERTY);
    }

    private Path plugins() throws IOException {
        return TinyImagePlugins.jar(tmp.resolve("plugins"));
    }

    @Test
    void runWithoutANameListsThePresetsWithTheirDescriptions() throws IOException {
        Cli.Result r = Cli.run("--plugins", plugins().toString(), "run");

        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "Presets (train one with 'alws run PRESET', its paper-scale variant with --paper):");
        assertThat(lines.get(1)).matches("  PRESET +PAPER +DESCRIPTION");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "  fashion-mnist-cpu +yes +ALWS on a 2x400 MLP decoder .*Fashion-MNIST.*FID/KID per epoch.*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "  tiny-images +no +a test preset: a tiny decoder on 8x8 bars"));
        for (PluginInfo info : Presets.list(installed())) {
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  " + info.name() + " ")
                    .endsWith(" " + info.description()));
        }
    }

    @Test
    void anUnknownPresetIsAOneLineErrorListingThePresets() {
        Cli.Result r = Cli.run("run", "fashion-mnist");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.PLUGIN);
        assertThat(r.out()).isEmpty();
        List<String> names = Presets.list(installed()).stream().map(PluginInfo::name).toList();
        assertThat(names).containsAll(IMAGE_PRESETS);
        assertThat(r.err()).isEqualTo("alws: no preset plugin named 'fashion-mnist'; available: "
                + String.join(", ", names) + "\n");
    }

    @Test
    void aPaperVariantMustExist() throws IOException {
        Cli.Result r = Cli.run("--plugins", plugins().toString(), "run", "tiny-images", "--paper",
                "--runs", tmp.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("alws: preset tiny-images has no paper variant\n");
    }

    @Test
    void aMetricOptionMustBelongToAMetricOfThePreset() throws IOException {
        Cli.Result r = Cli.run("--plugins", plugins().toString(), "run", "tiny-images", "--set", "metric.nope=1",
                "--runs", tmp.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("alws: --set: got 'metric.nope=1', expected an option of one of the metrics "
                + "(fid, kid)\n");
    }

    /** The plugins on the test class path. */
    private static PluginRegistry installed() {
        return PluginRegistry.discover(PresetCommandsTest.class.getClassLoader());
    }

    @Test
    void everyShippedPresetResolvesAgainstTheInstalledPlugins() {
        PluginRegistry registry = installed();
        assertThat(Presets.list(registry)).extracting(PluginInfo::name).containsAll(IMAGE_PRESETS);
        List<String> broken = new ArrayList<>();
        for (PluginInfo info : Presets.list(registry)) {
            try {
                PresetProvider preset = Presets.require(registry, info.name());
                ResolvedRun.resolve(registry, Presets.configuration(preset, false));
                if (preset.paperConfiguration().isPresent()) {
                    ResolvedRun.resolve(registry, Presets.configuration(preset, true));
                }
            } catch (AlwsException e) {
                broken.add(info.name() + ": " + e.getMessage());
            }
        }
        imagePresetsMatchTheirData(registry);
        assertThat(broken).as("presets whose configuration does not resolve").isEmpty();
    }

    /** The image presets' decoders fit their data, their likelihoods their scaling, their sizes the issue's. */
    private static void imagePresetsMatchTheirData(PluginRegistry registry) {
        for (String name : IMAGE_PRESETS) {
            PresetProvider preset = Presets.require(registry, name);
            for (boolean paper : List.of(false, true)) {
                String label = name + (paper ? " --paper" : "");
                RunConfig config = ResolvedRun.resolve(registry, Presets.configuration(preset, paper)).config();
                boolean deconv = config.model().name().equals("deconv-decoder");
                assertThat(config.model().name()).as(label).isIn("mlp-decoder", "deconv-decoder");
                // The decoder's output has the data's shape: 784 flat pixels, or 32 x 32 images after padding.
                assertThat(config.data().options()).as(label)
                        .containsEntry("padTo32", deconv).containsEntry("flatten", !deconv);
                if (!deconv) {
                    assertThat(config.model().options()).as(label).containsEntry("pixels", 784);
                }
                boolean binarised = config.data().options().get("scaling").equals("binarised");
                assertThat(config.model().options()).as(label)
                        .containsEntry("likelihood", binarised ? "bernoulli" : "gaussian");
                assertThat(config.learner().name()).as(label).isEqualTo("alws");
                assertThat(config.learner().options()).as(label)
                        .containsEntry("sleepSamples", deconv ? 5000 : binarised ? 1000 : 1500);
                assertThat(config.metrics()).as(label).extracting(PluginChoice::name).containsExactly("fid", "kid");
                assertThat(config.training().evalEveryEpochs()).as(label).isEqualTo(1);
                assertThat(paper || name.endsWith("-paper")).as(label).isEqualTo(deconv);
            }
        }
        assertThat(OptionsBinder.toMap(Presets.configuration(registry, "fashion-mnist-paper", false).training()))
                .containsEntry("epochs", 50L).containsEntry("batchSize", 100);
    }

    @Test
    void runWritesASampleGridPerEpochAndTheMetricsAgainstEpochs() throws IOException {
        Cli.Result r = Cli.run("--plugins", plugins().toString(), "run", "tiny-images", "--runs", tmp.toString(),
                "--name", "tiny", "--no-progress");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("Trained tiny: 12 steps, .+ s");
        assertThat(r.out()).contains("  epochs         2 (6 steps each)\n");
        Path plots = tmp.resolve("tiny/plots");
        assertThat(pngs(plots)).contains("samples-epoch-000.png", "samples-epoch-001.png", "samples-epoch-002.png",
                "metrics.png").doesNotContain("samples-epoch-003.png");
        BufferedImage grid = ImageIO.read(plots.resolve("samples-epoch-002.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(GRID_WIDTH);
        assertThat(grid.getHeight()).isEqualTo(8 * ROW_HEIGHT + 4);
        assertThat(Files.readAllBytes(plots.resolve("samples-epoch-002.png")))
                .as("training changes the pictures").isNotEqualTo(
                        Files.readAllBytes(plots.resolve("samples-epoch-000.png")));
        assertThat(ImageIO.read(plots.resolve("metrics.png").toFile())).isNotNull();
        List<MetricsRecord> evaluations = RunDirectory.open(tmp.resolve("tiny")).readMetrics().stream()
                .filter(m -> m.kind().equals("eval")).toList();
        assertThat(evaluations).extracting(MetricsRecord::step).containsExactly(0L, 6L, 12L);
        assertThat(evaluations).allSatisfy(e -> assertThat(e.values()).containsKeys("fid", "kid",
                "classifier_accuracy"));
    }

    @Test
    void aSpentTimeBudgetStopsTheRunCleanlyAndResumeContinuesIt() throws IOException {
        Path jar = plugins();
        Cli.Result r = Cli.run("--plugins", jar.toString(), "run", "tiny-images", "--epochs", "1",
                "--set", "training.maxSeconds=0.000001", "--set", "metric.samples=30", "--runs", tmp.toString(),
                "--name", "budget", "--no-progress");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("Trained budget: 1 of 6 steps, .+ s");
        assertThat(r.out()).contains("  stopped        stopped on the time budget (training.maxSeconds = 1.0E-6)"
                + " after 1 of 6 steps; 'alws resume' continues it\n");
        Path dir = tmp.resolve("budget");
        assertThat(dir.resolve("checkpoints/latest")).hasContent("step-000000001.ckpt");
        JsonNode metrics = RunDirectory.open(dir).readConfig().get("metrics");
        assertThat(metrics).hasSize(2).allSatisfy(m -> assertThat(m.get("options").get("samples").asInt())
                .isEqualTo(30));
        assertThat(pngs(dir.resolve("plots"))).contains("samples-epoch-000.png", "samples-epoch-001.png");

        Cli.Result resumed = Cli.run("--plugins", jar.toString(), "resume", dir.toString(), "--no-progress");
        assertThat(resumed.exitCode()).as(resumed.both()).isZero();
        assertThat(resumed.out().lines().findFirst().orElseThrow()).matches("Resumed budget: 2 of 6 steps, .+ s");
        assertThat(dir.resolve("checkpoints/latest")).hasContent("step-000000002.ckpt");
        assertThat(RunDirectory.open(dir).readMetrics().stream().filter(m -> m.kind().equals("eval"))
                .map(MetricsRecord::step)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void compareTrainsEachLearnerAndWritesTheReport() throws IOException {
        Path out = tmp.resolve("report");
        Cli.Result r = Cli.run("--plugins", plugins().toString(), "compare", "tiny-images", "--learners", "alws,vae",
                "--epochs", "1", "--budget-minutes", "10", "--out", out.toString(),
                "--set", "vae.optimizer.learningRate=0.002", "--set", "vae.particles=2");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("Report: " + out.resolve("report.md").toAbsolutePath());
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).startsWith("# alws compare tiny-images\n")
                .contains("for at most 5 min 00 s of training time")
                .contains("| learner | fid | kid | steps | epochs | wall time | stopped |\n");
        assertThat(report.lines().filter(l -> l.startsWith("| alws | ") || l.startsWith("| vae | ")))
                .hasSize(2).allSatisfy(l -> assertThat(l).matches(
                        "\\| \\w+ \\| [0-9.e-]+ \\| [0-9.e-]+ ± [0-9.e-]+ \\| 6 \\| 1 \\| .+ s \\| all epochs \\|"));
        assertThat(report).contains("![fid](fid.png)", "![kid](kid.png)", "![samples](samples.png)")
                .contains("- Feature classifier's test accuracy: ");
        BufferedImage samples = ImageIO.read(out.resolve("samples.png").toFile());
        assertThat(samples.getHeight()).as("one row per learner").isEqualTo(2 * ROW_HEIGHT + 4);
        assertThat(samples.getWidth()).isEqualTo(190 + CompareReport.SAMPLES_PER_LEARNER * ROW_HEIGHT + 4);
        assertThat(ImageIO.read(out.resolve("fid.png").toFile())).isNotNull();
        assertThat(ImageIO.read(out.resolve("kid.png").toFile())).isNotNull();

        JsonNode vae = RunDirectory.open(out.resolve("vae")).readConfig();
        JsonNode alws = RunDirectory.open(out.resolve("alws")).readConfig();
        assertThat(vae.get("optimizer").get("options").get("learningRate").asDouble()).isEqualTo(0.002);
        assertThat(vae.get("learner").get("options").get("particles").asInt()).isEqualTo(2);
        assertThat(alws.get("optimizer").get("options").get("learningRate").asDouble()).isEqualTo(0.01);
        assertThat(alws.get("learner").get("options").get("sleepSamples").asInt()).isEqualTo(60);
        for (JsonNode c : List.of(vae, alws)) {
            assertThat(c.get("training").get("maxSeconds").asDouble()).isEqualTo(300.0);
            assertThat(c.get("seed").asLong()).isEqualTo(3);
            assertThat(c.get("model")).isEqualTo(alws.get("model"));
        }
    }

    @Test
    void compareReportsAMetricUnderTheNamesItReportsAndPlotsThemForAConditionalModel() throws IOException {
        Path out = tmp.resolve("np-report");
        Cli.Result r = Cli.run("compare", "neural-process", "--learners", "alws,vae", "--epochs", "1",
                "--budget-minutes", "10", "--out", out.toString(), "--set", "data.trainSize=12",
                "--set", "data.testSize=6", "--set", "model.latentDim=3", "--set", "model.hidden=8",
                "--set", "learner.sleepSamples=40", "--set", "learner.validationSamples=20",
                "--set", "metric.functions=6", "--set", "metric.samples=20");

        assertThat(r.exitCode()).as(r.both()).isZero();
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("| learner | np.predictive | np.predictive.allTargets | np.predictive.allTargets.perPoint | "
                + "np.predictive.perPoint | steps | epochs | wall time | stopped |\n")
                .contains("![np.predictive](np.predictive.png)")
                .contains("the model does not observe images, so there is no samples.png.");
        assertThat(report.lines().filter(l -> l.startsWith("| alws | ") || l.startsWith("| vae | ")))
                .hasSize(2).allSatisfy(l -> assertThat(l).matches(
                        "\\| \\w+ \\|( -?[0-9.e-]+ \\|){4} 12 \\| 1 \\| .+ s \\| all epochs \\|"));
        assertThat(ImageIO.read(out.resolve("np.predictive.png").toFile())).isNotNull();
        assertThat(out.resolve("alws").resolve("plots").resolve("neural-process.png")).isRegularFile();
    }

    private static List<String> pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
    }

    @Test
    void presetsAreAKindOfPlugin() {
        Cli.Result r = Cli.run("plugins", "--kind", "preset");
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).startsWith("preset:\n");
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches(
                "  fashion-mnist-cpu +\\S+ +0 +\\S*alws-models\\S* +available +ALWS on a 2x400 MLP decoder.*"));
        assertThat(PluginKind.PRESET.serviceType()).isEqualTo(PresetProvider.class);
    }
}
