package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void alwsStepPrintsTheTableAndWritesTheCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bench.csv");
        Cli.Result r = Cli.run("bench", "alws-step", "--n", "200", "--repeats", "1", "--m", "20", "--csv",
                csv.toString());
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).startsWith("ALWS step on gradient-estimation (sigma_x=0.5, b=(1, 0.5)), M=20, "
                + "float32, 1 repeats; ");
        assertThat(out.get(1)).matches(" *N +sleep ms +regression ms +backward ms +update ms +step ms +bare ms "
                + "+regression/bare");
        assertThat(out.get(2)).matches("200( +[0-9.e-]+){7}");
        assertThat(out.get(3)).isEqualTo("CSV: " + csv.toAbsolutePath());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(
                "n,m,sleep_s,regression_s,backward_s,update_s,step_s,bare_s,regression_over_bare");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("200,20,");
    }

    @Test
    void defaultBenchmarkSizesAreInTheHelp() {
        Cli.Result r = Cli.run("bench", "alws-step", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("(default: 1000,2000,4000)")
                .contains("(default: 100)")
                .contains("(default: 5)").contains("(default: float32)");
    }

    @Test
    void invalidSizesAreUsageErrors() {
        Cli.Result r = Cli.run("bench", "alws-step", "--repeats", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --repeats: got 0, expected an integer >= 1\n");
    }
}
