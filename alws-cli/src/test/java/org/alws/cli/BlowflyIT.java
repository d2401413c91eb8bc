package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.core.preset.Presets;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.TrainingRun;
import org.alws.models.blowfly.BlowflyModel;
import org.alws.models.blowfly.BlowflyReport;
import org.alws.models.blowfly.SeriesStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALWS learns Nicholson's blowfly model from the 180 bundled counts on the plain log-joint path: the preset
 * {@code blowfly} (N = 500 sleep samples, 200 random Fourier features with learned bandwidth and ridge, Adam at 0.02,
 * 1,000 steps from the reference's initial values; three to five minutes on two busy cores) trains, then 100 series
 * simulated from the trained model are compared with the data on summary statistics ({@link SeriesStatistics}).
 * Before training the model's simulations are off in period (it does not cycle at the data's 19 steps); after it,
 * the simulations' median periodogram period is within 15% of the data's, their mean within 15%, their standard
 * deviation within 25% and their lag-1..20 autocorrelations within 0.3 of the data's. Prints the figures and
 * writes the report (the PNG of the data against five simulations and the learned parameters).
 */
class BlowflyIT {
    @TempDir
    Path tmp;

    @Test
    void simulationsOfThePresetsTrainedModelMatchTheDatasSummaryStatistics() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        RunConfig config = Presets.configuration(registry, "blowfly", false);
        try (TrainingRun run = TrainingRun.open(ResolvedRun.resolve(registry, config))) {
            HostArray data = run.data().train().all();
            SeedStream seeds = SeedStream.root(11).child("simulations");
            BlowflyReport.Result before = BlowflyReport.evaluate(run.workspace(), run.model(), run.modelParameters(),
                    data, seeds);
            long t0 = System.nanoTime();
            run.train(RunDirectory.create(tmp, "blowfly"), 0, List.of());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path report = tmp.resolve("report");
            BlowflyReport.Result after = BlowflyReport.write(report, run.workspace(), run.model(),
                    run.modelParameters(), data, seeds);
            Map<String, Double> learned = BlowflyModel.naturalParameters(run.modelParameters().values());
            System.out.printf("blowfly by ALWS, %d steps in %.1f s%nbefore training:%n%safter training:%n%s"
                    + "learned P %.4g, N0 %.4g, delta %.4g, sigma_p %.4g, sigma_d %.4g, sigma_n %.4g%n",
                    config.training().steps(),
                    seconds, before.describe(), after.describe(), learned.get("P"), learned.get("N0"),
                    learned.get("delta"), learned.get("sigmaP"), learned.get("sigmaD"), learned.get("sigmaN"));

            SeriesStatistics truth = after.dataStatistics();
            assertThat(truth.period()).as("the data's period").isBetween(18.0, 20.0);
            assertThat(before.periodError()).as("period error of the untrained model").isGreaterThan(0.15);
            assertThat(after.periodError()).as("period error: simulated %s vs data %s",
                    after.simulatedStatistics().period(), truth.period()).isLessThanOrEqualTo(0.15);
            assertThat(after.meanError()).as("relative error of the mean").isLessThanOrEqualTo(0.15);
            assertThat(after.stdError()).as("relative error of the standard deviation").isLessThanOrEqualTo(0.25);
            assertThat(after.autocorrelationGap()).as("largest autocorrelation gap over lags 1..20")
                    .isLessThanOrEqualTo(0.3);
            assertThat(report.resolve(BlowflyReport.TRAJECTORIES_PNG)).isRegularFile();
            assertThat(report.resolve(BlowflyReport.SUMMARY_FILE)).isRegularFile();
        }
    }
}
