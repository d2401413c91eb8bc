package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.alws.api.random.SeedStream;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.TrainingOptions;
import org.alws.core.train.TrainingRun;
import org.alws.models.ring.GaborDataProvider;
import org.alws.models.ring.GaborPatch;
import org.alws.models.ring.GaborRingFigure;
import org.alws.models.ring.GaborRingModel;
import org.alws.models.ring.KolmogorovSmirnov;
import org.alws.models.ring.MeanImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALWS learns the circle-prior model ({@code gabor-ring}, a narrow decoder) from Gabor patches of uniform orientation
 * with nothing but ancestral samples: after training, the mean images of 1,000 model draws are Gabors (each matches
 * the data's patch at its own estimated orientation with a correlation above 0.9 on average), and their orientations
 * are uniform on [0, π): Kolmogorov–Smirnov statistic at most 0.1. The picture along the circle is written too.
 */
class GaborRingLearningTest {
    private static final int SAMPLES = 1000;

    @TempDir
    Path tmp;

    @Test
    void alwsLearnsGaborsOfUniformOrientation() {
        GaborDataProvider.Options dataOptions = new GaborDataProvider.Options(1.0, 0.3, 0.8, 0.0, 0.0, 2000, 200);
        RunConfig config = RunConfig.defaults()
                .withModel(new PluginChoice("gabor-ring", Map.of("channels", List.of(16, 8))))
                .withData(new PluginChoice("gabor-ring", Map.of("trainSize", dataOptions.trainSize(), "testSize",
                        dataOptions.testSize())))
                .withLearner(new PluginChoice("alws", Map.of("sleepSamples", 500)))
                .withOptimizer(new PluginChoice("adam", Map.of("learningRate", 0.005)))
                .withTraining(new TrainingOptions(300, 100, 50, 300, 0, 0, 1));
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        long t0 = System.nanoTime();
        try (TrainingRun run = TrainingRun.open(ResolvedRun.resolve(registry, config))) {
            run.train(RunDirectory.create(tmp, "gabor-ring"), 0, List.of());
            double seconds = (System.nanoTime() - t0) / 1e9;
            GaborRingModel model = (GaborRingModel) run.model();
            GaborRingFigure.Content content = GaborRingFigure.content(run.workspace(), model, run.modelParameters(),
                    SAMPLES, SeedStream.root(11).child("check"));
            MeanImages.Draws drawn = content.samples();
            double[] orientations = drawn.orientations();
            GaborPatch patch = dataOptions.patch();
            double correlation = 0;
            for (int k = 0; k < SAMPLES; k++) {
                correlation += correlation(drawn.images(), k * 256, patch.render(orientations[k])) / SAMPLES;
            }
            double ks = KolmogorovSmirnov.againstUniform(orientations, 0, Math.PI);
            Path png = GaborRingFigure.write(tmp, content);
            System.out.printf("gabor-ring by ALWS (300 steps, N = 500, channels 16,8): orientation KS %.4f over %d "
                    + "samples, mean correlation with the data's Gabor %.3f, %.1f s; picture %s%n", ks, SAMPLES,
                    correlation, seconds, png);
            assertThat(correlation).as("mean correlation of the model's images with Gabors").isGreaterThan(0.9);
            assertThat(ks).as("Kolmogorov-Smirnov statistic of the orientations").isLessThanOrEqualTo(0.1);
            assertThat(png).isRegularFile();
        }
    }

    /** Pearson's correlation of the image at {@code offset} in {@code images} with {@code reference}. */
    private static double correlation(double[] images, int offset, double[] reference) {
        int n = reference.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += images[offset + i] / n;
            mb += reference[i] / n;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            double a = images[offset + i] - ma;
            double b = reference[i] - mb;
            ab += a * b;
            aa += a * a;
            bb += b * b;
        }
        return ab / Math.sqrt(aa * bb);
    }
}
