package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.reconstruct.DenoisingResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alws denoise} on two tiny matrix factorisation runs (alws and vae, 20 steps each on 32-pixel synthetic data):
 * the table it prints, the files it writes and their agreement, and its one-line errors, after which nothing is
 * written.
 */
class DenoiseCommandTest {
    private static final int IMAGES = 30;

    @TempDir
    static Path runs;

    private static Path alws;
    private static Path vae;

    private static Path train(String learner) {
        Cli.Result r = Cli.run("train", "--model", "matrix-factorisation", "--learner", learner,
                "--set", "model.latent=3", "--set", "model.pixels=32", "--set", "model.guideHidden=20",
                "--set", "data.latent=3", "--set", "data.pixels=32", "--set", "data.trainSize=200",
                "--set", "data.testSize=" + IMAGES, "--steps", "20", "--batch-size", "20",
                "--runs", runs.toString(), "--name", learner, "--no-progress");
        assertThat(r.exitCode()).as(r.both()).isZero();
        return runs.resolve(learner).toAbsolutePath();
    }

    @BeforeAll
    static void trainTwoRuns() {
        alws = train("alws");
        vae = train("vae");
    }

    @Test
    void writesTheTableTheHistogramAndTheExamplesIntoANewDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        Cli.Result r = Cli.run("denoise", alws.toString(), vae.toString(), "--images", "20", "--steps", "30",
                "--examples", "5", "--out", out.toString());
        assertThat(r.exitCode()).as(r.both()).isZero();

        List<String> stdout = r.out().lines().toList();
        assertThat(stdout.get(0)).startsWith("MAP reconstruction and denoising: 20 test images; each pixel flipped "
                + "with probability 0.1 (seed 0); latents by 30 Adam steps of size 0.2");
        assertThat(stdout.get(0)).containsPattern("The noisy images themselves have MSE 0\\.[0-9]+ ± [0-9.e-]+\\.$");
        assertThat(stdout.get(1)).matches("  method +reconstruction MSE +denoising MSE +run");
        assertThat(stdout.get(2)).matches("  alws +[0-9.]+ ± [0-9.e-]+ +[0-9.]+ ± [0-9.e-]+ +alws");
        assertThat(stdout.get(3)).matches("  vae +[0-9.]+ ± [0-9.e-]+ +[0-9.]+ ± [0-9.e-]+ +vae");
        assertThat(stdout).contains("Report: " + out.resolve("denoising.md"));
        assertThat(r.err()).contains("alws (alws): reconstruction MSE ").contains("vae (vae): reconstruction MSE ");

        List<String> summary = Files.readAllLines(out.resolve("denoising.csv"));
        assertThat(summary).hasSize(3);
        assertThat(summary.get(0)).isEqualTo("method,run,images,flip,reconstruction_mse,reconstruction_se,"
                + "denoising_mse,denoising_se");
        List<String> perImage = Files.readAllLines(out.resolve("per-image.csv"));
        assertThat(perImage).hasSize(1 + 2 * 20);
        assertThat(perImage.get(0)).isEqualTo("method,image,reconstruction_mse,denoising_mse");
        // The summary is the mean and standard error of the per-image errors.
        for (int m = 0; m < 2; m++) {
            String[] s = summary.get(1 + m).split(",");
            assertThat(s[0]).isEqualTo(m == 0 ? "alws" : "vae");
            assertThat(s[2]).isEqualTo("20");
            assertThat(s[3]).isEqualTo("0.1");
            double[] rec = new double[20];
            double[] den = new double[20];
            for (int i = 0; i < 20; i++) {
                String[] row = perImage.get(1 + 20 * m + i).split(",");
                assertThat(row[0]).isEqualTo(s[0]);
                assertThat(row[1]).isEqualTo(Integer.toString(i));
                rec[i] = Double.parseDouble(row[2]);
                den[i] = Double.parseDouble(row[3]);
                assertThat(rec[i]).isBetween(0.0, 1.0);
                assertThat(den[i]).isBetween(0.0, 1.0);
            }
            assertThat(Double.parseDouble(s[4])).isCloseTo(DenoisingResult.Summary.of(rec).mean(), within(1e-12));
            assertThat(Double.parseDouble(s[5])).isCloseTo(DenoisingResult.Summary.of(rec).standardError(),
                    within(1e-12));
            assertThat(Double.parseDouble(s[6])).isCloseTo(DenoisingResult.Summary.of(den).mean(), within(1e-12));
            assertThat(Double.parseDouble(s[7])).isCloseTo(DenoisingResult.Summary.of(den).standardError(),
                    within(1e-12));
        }

        String md = Files.readString(out.resolve("denoising.md"));
        assertThat(md).startsWith("# MAP reconstruction and denoising\n")
                .contains("| method | run | reconstruction MSE | denoising MSE |")
                .containsPattern("\\| alws \\| alws \\| [0-9.]+ ± [0-9.e-]+ \\| [0-9.]+ ± [0-9.e-]+ \\|")
                .contains("![Per-image denoising MSE](denoising-mse.png)").contains("(examples.png)");

        BufferedImage histogram = ImageIO.read(out.resolve("denoising-mse.png").toFile());
        assertThat(histogram.getWidth()).isEqualTo(800);
        // Six rows (data, noisy, and two per method) of five 4x8 images drawn at 10 pixels per pixel.
        BufferedImage examples = ImageIO.read(out.resolve("examples.png").toFile());
        assertThat(examples.getHeight()).isEqualTo(6 * (40 + 4) + 4);
        assertThat(examples.getWidth()).isEqualTo(190 + 5 * (80 + 4) + 4);
    }

    @Test
    void runsThatShareALearnerAreToldApartByTheirDirectory() {
        DenoisingResult r = new DenoisingResult(HostArray.of(Shape.of(1, 1), new double[1]), null, null, null,
                new double[] {0}, new double[] {0});
        List<DenoiseReport.Method> methods = new ArrayList<>(List.of(
                new DenoiseReport.Method("alws", "a", Path.of("a"), Shape.of(1), r),
                new DenoiseReport.Method("alws", "b", Path.of("b"), Shape.of(1), r),
                new DenoiseReport.Method("vae", "c", Path.of("c"), Shape.of(1), r)));
        assertThat(DenoiseReport.label(methods)).extracting(DenoiseReport.Method::label)
                .containsExactly("alws (a)", "alws (b)", "vae");
    }

    @Test
    void badInputIsOneLineAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path missing = tmp.resolve("no-such-run");
        Cli.Result r = Cli.run("denoise", alws.toString(), missing.toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("alws: run directory " + missing + " does not exist\n");

        r = Cli.run("denoise", alws.toString(), "--flip", "1", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --flip: got 1.0, expected a probability in [0, 1)\n");

        r = Cli.run("denoise", alws.toString(), "--flip", "-0.2", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --flip: got -0.2, expected a probability in [0, 1)\n");

        r = Cli.run("denoise", alws.toString(), "--images", "0", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --images: got 0, expected an integer >= 1\n");

        r = Cli.run("denoise", alws.toString(), "--images", "31", "--steps", "1", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("alws: run " + alws + " has 30 test images; 31 were asked for\n");

        r = Cli.run("denoise", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("alws: Missing required parameter: 'RUN_DIR'");
        assertThat(out).doesNotExist();

        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        r = Cli.run("denoise", alws.toString(), "--out", taken.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("alws: output directory " + taken + " already exists and is not empty; "
                + "choose another --out\n");
        try (var entries = Files.list(taken)) {
            assertThat(entries).containsExactly(taken.resolve("keep.txt"));
        }
    }
}
