package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.preset.Presets;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.PluginChoice;
import org.alws.core.train.ResolvedRun;
import org.alws.core.train.RunConfig;
import org.alws.core.train.TrainingRun;
import org.alws.models.np.NeuralProcessPredictiveMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The neural-process experiment on sine functions (4 context and 8 target points, one function per step): the
 * {@code neural-process} preset trained by ALWS, its sleep samples drawn from the context-conditioned prior, against
 * the same model and data trained by the usual NP ELBO ({@code vae} with the model's guide, the conditional prior's
 * encoder applied to context and targets, analytic KL) for the same number of steps. Both are scored by the
 * predictive log-likelihood of the held-out targets of 200 test functions. ALWS must gain at least 2 nats per
 * function over the untrained model and end no more than 0.5 nats below the ELBO-trained process; the figure of
 * predictive bands is written.
 */
class NeuralProcessIT {
    private static final long STEPS = 3000;

    @TempDir
    Path tmp;

    private record Outcome(double before, double after, double seconds) {
    }

    private Outcome train(PluginRegistry registry, RunConfig config, String name) {
        try (TrainingRun run = TrainingRun.open(ResolvedRun.resolve(registry, config))) {
            double before = run.evaluate(0).get(NeuralProcessPredictiveMetric.HELD_OUT);
            long t0 = System.nanoTime();
            run.train(RunDirectory.create(tmp, name), 0, List.of());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double after = run.evaluate(STEPS).get(NeuralProcessPredictiveMetric.HELD_OUT);
            run.drawFigures(tmp.resolve(name));
            return new Outcome(before, after, seconds);
        }
    }

    @Test
    void alwsLearnsTheNeuralProcessAsWellAsItsElboPerFunctionSeen() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        RunConfig preset = Presets.configuration(registry, "neural-process", false);
        RunConfig alws = preset.withTraining(preset.training().withSteps(STEPS))
                .withMetrics(List.of(new PluginChoice(NeuralProcessPredictiveMetric.NAME,
                        Map.of("functions", 200, "samples", 1000))));
        RunConfig elbo = alws.withLearner(new PluginChoice("vae", Map.of()));
        Outcome a = train(registry, alws, "alws");
        Outcome e = train(registry, elbo, "elbo");
        System.out.printf("neural process, %d steps of one function: held-out predictive log-likelihood per function"
                + " (4 points): alws %.3f -> %.3f in %.1f s; NP ELBO %.3f -> %.3f in %.1f s%n", STEPS, a.before(),
                a.after(), a.seconds(), e.before(), e.after(), e.seconds());
        assertThat(a.after() - a.before()).as("ALWS's gain over the untrained model").isGreaterThan(2.0);
        assertThat(a.after()).as("ALWS against the NP ELBO at equal steps").isGreaterThan(e.after() - 0.5);
        assertThat(tmp.resolve("alws").resolve("neural-process.png")).isRegularFile();
    }
}
