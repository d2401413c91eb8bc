package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchImageStepCommandTest {

    @Test
    void aTinyRunPrintsTheTableAndWritesTheCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("image.csv");
        Cli.Result r = Cli.run("bench", "image-step", "--sleep-samples", "20", "--features", "8", "--projection", "4",
                "--batch", "5", "--repeats", "2", "--warmup", "1", "--set", "model.pixels=12", "--set",
                "model.hidden=6", "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).startsWith("Image step: mlp-decoder(k=16, 2x6 relu, D=12, gaussian), alws N=20, "
                + "rff(gaussian, D=8, λ=1.0, bandwidth=median, featureMap=projection(4)), wake batch 5, float32; "
                + "mean of 2 after 1 warm-up steps; tensorflow");
        assertThat(out.get(1)).matches("computation +ms/step");
        assertThat(out.get(2)).matches("ALWS step +[0-9.e-]+");
        assertThat(out.get(3)).matches(" +sleep +[0-9.e-]+");
        assertThat(out.get(4)).matches(" +regression +[0-9.e-]+");
        assertThat(out.get(5)).matches(" +wake \\+ update +[0-9.e-]+");
        assertThat(out.get(6)).matches("decoder fwd\\+bwd +[0-9.e-]+");
        assertThat(out.get(7)).matches("ALWS step / decoder fwd\\+bwd: [0-9.e-]+ \\(target <= 2\\)");
        assertThat(out.get(8)).isEqualTo("CSV: " + csv.toAbsolutePath());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("model,sleep_samples,features,projection,batch,dtype,likelihood,alws_s,"
                + "sleep_s,regression_s,wake_s,decoder_s,ratio");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).matches("mlp-decoder,20,8,4,5,float32,gaussian(,[0-9.E-]+){6}");
    }

    @Test
    void theDeconvDecoderWithBernoulliPixelsRunsOnImagesInFloat64() {
        Cli.Result r = Cli.run("bench", "image-step", "--model", "deconv-decoder", "--likelihood", "bernoulli",
                "--dtype", "float64", "--sleep-samples", "10", "--features", "6", "--projection", "3", "--batch", "3",
                "--repeats", "1", "--warmup", "0", "--set", "model.channels=3,2,2", "--set", "model.latent=2",
                "--set", "regressor.featureStandardisation=sleep");
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("Image step: deconv-decoder(k=2, channels=[3, 2, 2], bernoulli), alws N=10, ")
                .contains("featureMap=projection(3, sleep)").contains("float64");
    }

    /** The preset's own configuration: krr, a fused step with a kernel update every 10th step, its batch of 100. */
    @Test
    void aPresetIsTimedWithItsOwnConfiguration() {
        Cli.Result r = Cli.run("bench", "image-step", "--preset", "fashion-mnist-cpu", "--set",
                "learner.sleepSamples=20", "--set", "learner.validationSamples=10", "--set", "model.hidden=6",
                "--repeats", "2", "--warmup", "1");
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).startsWith("Image step: mlp-decoder(k=16, 2x6 relu, D=784, gaussian), alws N=20, krr(")
                .contains("wake batch 100, float32; mean of 2 after 1 warm-up steps");
        assertThat(out.get(2)).matches("ALWS step +[0-9.e-]+");
        assertThat(out.get(3).strip()).isEqualTo("(fused: one function)");
        assertThat(out.get(4)).matches("decoder fwd\\+bwd +[0-9.e-]+");
    }

    @Test
    void defaultsAreInTheHelp() {
        Cli.Result r = Cli.run("bench", "image-step", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--sleep-samples=N Sleep samples N per step (default: "
                + "1000)").contains("(default: mlp-decoder: k=16, 2x400 relu, D=784)")
                .contains("Random Fourier features D of the rff regressor (default: 1000)")
                .contains("(default: float32)").contains("(default: gaussian)");
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        Cli.Result r = Cli.run("bench", "image-step", "--sleep-samples", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --sleep-samples: got 1, expected an integer >= 2\n");
        r = Cli.run("bench", "image-step", "--features", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --features: got 0, expected an integer >= 1\n");
        r = Cli.run("bench", "image-step", "--likelihood", "poisson");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("likelihood").hasLineCount(1);
        r = Cli.run("bench", "image-step", "--preset", "fashion-mnist-cpu", "--features", "10", "--batch", "5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --preset fashion-mnist-cpu sets the model, N, the regressor "
                + "and the batch; --features, --batch cannot be combined with it (use --set)\n");
        r = Cli.run("bench", "image-step", "--preset", "no-such-preset");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PLUGIN);
        assertThat(r.err()).contains("no-such-preset").hasLineCount(1);
        r = Cli.run("bench", "image-step", "--set", "regressor.noSuchOption=1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option 'noSuchOption'").hasLineCount(1);
    }
}
