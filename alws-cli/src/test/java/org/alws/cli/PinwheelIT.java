package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.core.config.OptionsBinder;
import org.alws.core.preset.Presets;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.train.RunConfig;
import org.alws.core.train.RunSummary;
import org.alws.core.train.Training;
import org.alws.models.pinwheel.PinwheelDataProvider;
import org.alws.models.pinwheel.PinwheelLikelihoodMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pinwheel} preset, trained exactly as {@code alws run pinwheel} trains it (in this process, so that the
 * launcher's time limit does not apply): ALWS brings the hierarchical model's held-out log-likelihood, estimated by
 * importance sampling with the component summed out (2,000 samples per point, 1,000 test points), to within 10% of
 * the data generator's own, computed exactly on the same points by the change of variables of
 * {@link org.alws.models.pinwheel.Pinwheel}. The run writes the scatter of samples over the data
 * ({@code plots/samples.png}) and both log-likelihoods ({@code plots/pinwheel-loglik.txt}).
 */
class PinwheelIT {

    @Test
    void alwsBringsTheHeldOutLikelihoodWithinTenPercentOfTheGenerators(@TempDir Path tmp) {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        RunConfig config = Presets.configuration(registry, "pinwheel", false);
        long t0 = System.nanoTime();
        RunSummary summary = Training.start(registry, config, tmp, "pinwheel", List.of());
        double wall = (System.nanoTime() - t0) / 1e9;
        double trained = summary.evaluation().get(PinwheelLikelihoodMetric.KEY);
        double truth = generatorLogLikelihood(config);
        System.out.printf("pinwheel preset (%d steps): held-out log-likelihood %.4f by importance sampling, data "
                + "generator %.4f, gap %.2f%%, %.1f s%n", summary.stepsDone(), trained, truth,
                100 * (truth - trained) / Math.abs(truth), wall);
        assertThat(Math.abs(trained - truth)).as("trained %s vs generator %s", trained, truth)
                .isLessThanOrEqualTo(0.1 * Math.abs(truth));
        assertThat(summary.directory().resolve("plots/samples.png")).isRegularFile();
        assertThat(summary.directory().resolve("plots").resolve(PinwheelDataProvider.LIKELIHOOD_FILE))
                .content().contains(String.format(java.util.Locale.ROOT, "%.5f", truth));
    }

    /** The generator's exact mean log-density on the test points the metric used (the first ones). */
    private static double generatorLogLikelihood(RunConfig config) {
        PinwheelDataProvider provider = new PinwheelDataProvider();
        assertThat(config.data().name()).isEqualTo(provider.name());
        PinwheelDataProvider.Options options = OptionsBinder.bind(provider, config.data().options());
        DataSplits data = provider.load(options, SeedStream.root(config.seed()).child("dataset"));
        int points = ((Number) config.metrics().get(0).options().get("points")).intValue();
        return PinwheelDataProvider.generatorLogLikelihood(options, data, points);
    }
}
