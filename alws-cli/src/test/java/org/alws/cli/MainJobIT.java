package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job through the real launcher: ALWS trains the gradient-estimation model from b = (0.2, 0.1) on
 * its 5,000 points drawn with b = (1, 0.5), σ_x = 0.5, and must end with ‖b̂‖ within 5% of ‖b‖ (only the norm is
 * identifiable, since b·z ~ N(0, ‖b‖²)), writing the pictures a person looks at.
 */
class MainJobIT {

    @Test
    void theMainJobLearnsTheNormOfB(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        Launcher.Run train = Launcher.run(tmp, "train", "--steps", "1000", "--set", "optimizer.learningRate=0.01",
                "--runs", runs.toString(), "--no-progress");
        assertThat(train.exitCode()).as(train.describe()).isZero();
        Path runDir;
        try (Stream<Path> entries = Files.list(runs)) {
            runDir = entries.findFirst().orElseThrow();
        }
        RunDirectory run = RunDirectory.open(runDir);
        assertThat(run.readConfig().get("model").get("name").asText()).isEqualTo("gradient-estimation");
        assertThat(run.readConfig().get("data").get("name").asText()).isEqualTo("gradient-estimation");
        List<MetricsRecord> records = run.readMetrics();
        Map<String, Double> last = records.get(records.size() - 1).values();
        double norm = Math.hypot(last.get("param/b[0]"), last.get("param/b[1]"));
        double truth = Math.hypot(1, 0.5);
        System.out.printf("main job: |b| = %.4f against %.4f (%.2f%%)%n", norm, truth, 100 * (norm / truth - 1));
        assertThat(norm).isCloseTo(truth, within(0.05 * truth));
        for (String png : List.of("samples.png", "parameters.png", "loss.png")) {
            assertThat(run.plotsDir().resolve(png)).isNotEmptyFile();
        }
        assertThat(train.out()).contains("b[0]").contains(runDir.getFileName().toString());
    }
}
