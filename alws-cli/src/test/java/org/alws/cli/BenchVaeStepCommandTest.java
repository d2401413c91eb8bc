package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchVaeStepCommandTest {

    @Test
    void aTinyRunPrintsTheTableAndWritesTheCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("vae.csv");
        Cli.Result r = Cli.run("bench", "vae-step", "--batch", "8", "--repeats", "3", "--warmup", "1", "--set",
                "model.pixels=12", "--set", "model.hidden=6", "--set", "model.latent=2", "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).startsWith("VAE step: mlp-decoder (k=2, 1x6 relu, D=12, bernoulli), default guide "
                + "1x6 relu, Adam(lr=0.001), batch 8, float32; median of 3 after 1 warm-up steps; tensorflow");
        assertThat(out.get(1)).matches("implementation +ms/step +loss at last step");
        assertThat(out.get(2)).matches("framework +[0-9.e-]+ +[0-9.e-]+");
        assertThat(out.get(3)).matches("hand-built +[0-9.e-]+ +[0-9.e-]+");
        assertThat(out.get(4)).matches("framework / hand-built: [0-9.e-]+ \\(target <= 1.2\\)");
        assertThat(out.get(5)).isEqualTo("CSV: " + csv.toAbsolutePath());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("batch,pixels,latent,hidden,dtype,likelihood,framework_s,handbuilt_s,ratio");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).matches("8,12,2,6,float32,bernoulli(,[0-9.E-]+){3}");
    }

    @Test
    void theGaussianLikelihoodInFloat64Runs() {
        Cli.Result r = Cli.run("bench", "vae-step", "--batch", "4", "--repeats", "1", "--warmup", "0", "--dtype",
                "float64", "--likelihood", "gaussian", "--set", "model.pixels=5", "--set", "model.hidden=3",
                "--set", "model.activation=tanh");
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("(k=20, 1x3 tanh, D=5, gaussian), default guide 1x3 tanh")
                .contains("float64");
    }

    @Test
    void defaultsAreInTheHelp() {
        Cli.Result r = Cli.run("bench", "vae-step", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--batch=B Examples per step (default: 100)")
                .contains("(default: float32)").contains("(default: bernoulli)");
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        Cli.Result r = Cli.run("bench", "vae-step", "--repeats", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --repeats: got 0, expected an integer >= 1\n");
        r = Cli.run("bench", "vae-step", "--batch", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --batch: got 0, expected an integer >= 1\n");
        r = Cli.run("bench", "vae-step", "--likelihood", "poisson");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("likelihood").doesNotContain("\n\n").hasLineCount(1);
        r = Cli.run("bench", "vae-step", "--set", "learner.particles=2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("alws: learner.particles: got 2, expected 1").hasLineCount(1);
        r = Cli.run("bench", "vae-step", "--set", "model.noSuchOption=1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option 'noSuchOption'").hasLineCount(1);
        r = Cli.run("bench", "vae-step", "--dtype", "int32");
        assertThat(r.exitCode()).isEqualTo(2);
    }
}
