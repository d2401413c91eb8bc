package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.core.config.OptionsBinder;
import org.alws.core.run.Json;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real launcher: the PPCA example JAR is a third-party plugin added with {@code --plugins};
 * ALWS must train probabilistic PCA to within 2% of the closed-form maximum-likelihood held-out log-likelihood.
 *
 * <p>Runs {@code <alws.repo>/alws} (or the script named by the system property {@code alws.launcher}) as a
 * subprocess; the examples JAR is in {@code alws.itPlugins}. The reference is computed here, on data regenerated
 * from the run's own config.json (the data set plugin is a pure function of its options and the run's seed), with
 * {@code PpcaSolution} loaded from the examples JAR.
 */
class PpcaPluginIT {
    private static final String EXAMPLES_JAR = "alws-examples-0.1.0-SNAPSHOT.jar";

    @Test
    void pluginJarIsListedAndAlwsTrainsPpcaToTheMaximumLikelihood(@TempDir Path tmp) throws Exception {
        Path plugins = Path.of(Launcher.property("alws.itPlugins"));
        assertThat(plugins.resolve(EXAMPLES_JAR)).isRegularFile();

        Launcher.Run listing = Launcher.run(tmp, "--plugins", plugins.toString(), "plugins");
        assertThat(listing.exitCode()).as(listing.describe()).isZero();
        List<String> lines = listing.out().lines().toList();
        int models = lines.indexOf("model:");
        int datasets = lines.indexOf("dataset:");
        assertThat(models).as(listing.out()).isNotNegative();
        assertThat(datasets).as(listing.out()).isNotNegative();
        assertThat(lines.subList(models, datasets)).anySatisfy(l -> assertThat(l)
                .matches("  ppca +\\S+ +0 +" + EXAMPLES_JAR.replace(".", "\\.") + " +(available|default) +.*"));
        assertThat(lines.subList(datasets, lines.size())).anySatisfy(l -> assertThat(l)
                .matches("  ppca-synthetic +\\S+ +0 +" + EXAMPLES_JAR.replace(".", "\\.")
                        + " +(available|default) +.*"));

        Path runs = tmp.resolve("runs");
        long t0 = System.nanoTime();
        Launcher.Run train = Launcher.run(tmp, "--plugins", plugins.toString(), "train", "--model", "ppca", "--data",
                "ppca-synthetic", "--metric", "loglik", "--set", "learner.sleepSamples=1000", "--set",
                "optimizer.learningRate=0.01", "--steps", "600", "--batch-size", "100", "--runs", runs.toString(),
                "--no-progress");
        double wall = (System.nanoTime() - t0) / 1e9;
        assertThat(train.exitCode()).as(train.describe()).isZero();

        Path runDir;
        try (Stream<Path> entries = Files.list(runs)) {
            List<Path> dirs = entries.toList();
            assertThat(dirs).hasSize(1);
            runDir = dirs.get(0);
        }
        assertThat(runDir.getFileName().toString()).matches("ppca-alws-\\d{8}-\\d{6}");
        assertThat(train.out()).startsWith("Trained " + runDir.getFileName() + ": 600 steps, ");

        RunDirectory run = RunDirectory.open(runDir);
        List<MetricsRecord> evals = run.readMetrics().stream().filter(r -> r.kind().equals("eval")).toList();
        assertThat(evals).isNotEmpty();
        double trained = evals.get(evals.size() - 1).value("loglik");

        RunConfig config = RunConfig.fromMap(Json.toMap(run.readConfig()), RunConfig.defaults());
        double mle = maximumLikelihood(plugins.resolve(EXAMPLES_JAR), config);

        System.out.printf("PPCA by ALWS (600 steps): held-out loglik per point %.5f; closed-form MLE %.5f; "
                + "relative gap %.3f%%; train wall time %.1f s%n", trained, mle, 100 * (mle - trained) / Math.abs(mle),
                wall);
        assertThat(Math.abs(trained - mle)).as("trained %s vs MLE %s", trained, mle)
                .isLessThanOrEqualTo(0.02 * Math.abs(mle));
    }

    /**
     * Every learner (ALWS and each baseline) trains PPCA, from the same seed and for the same 600 steps of Adam at
     * 0.01, to within 3% of the closed-form maximum-likelihood held-out log-likelihood. Prints each learner's figure
     * and wall time (launcher start-up included).
     */
    @Test
    void everyLearnerTrainsPpcaToWithinThreePercentOfTheMaximumLikelihood(@TempDir Path tmp) throws Exception {
        Path plugins = Path.of(Launcher.property("alws.itPlugins"));
        List<String> learners = List.of("alws", "vae", "iwae", "rws", "wake-sleep", "vimco", "nvil", "piwae", "miwae",
                "ciwae", "flow-vae");
        Double mle = null;
        StringBuilder report = new StringBuilder("PPCA (10-D, k = 2), 600 steps, batch 100, Adam 0.01:\n");
        for (String learner : learners) {
            Path runs = tmp.resolve(learner);
            long t0 = System.nanoTime();
            Launcher.Run train = Launcher.run(tmp, "--plugins", plugins.toString(), "train", "--model", "ppca",
                    "--data", "ppca-synthetic", "--learner", learner, "--metric", "loglik", "--set",
                    "optimizer.learningRate=0.01", "--steps", "600", "--batch-size", "100", "--runs", runs.toString(),
                    "--no-progress");
            double wall = (System.nanoTime() - t0) / 1e9;
            assertThat(train.exitCode()).as(train.describe()).isZero();
            Path runDir = onlyRun(runs);
            RunDirectory run = RunDirectory.open(runDir);
            List<MetricsRecord> evals = run.readMetrics().stream().filter(r -> r.kind().equals("eval")).toList();
            double trained = evals.get(evals.size() - 1).value("loglik");
            if (mle == null) {
                mle = maximumLikelihood(plugins.resolve(EXAMPLES_JAR),
                        RunConfig.fromMap(Json.toMap(run.readConfig()), RunConfig.defaults()));
            }
            report.append(String.format("  %-10s held-out loglik %.4f  gap %.3f%%  wall %.1f s%n", learner, trained,
                    100 * (mle - trained) / Math.abs(mle), wall));
            assertThat(Math.abs(trained - mle)).as("%s: trained %s vs MLE %s", learner, trained, mle)
                    .isLessThanOrEqualTo(0.03 * Math.abs(mle));
        }
        System.out.print(report.append(String.format("  closed-form MLE %.4f%n", mle)));
    }

    private static Path onlyRun(Path runs) throws java.io.IOException {
        try (Stream<Path> entries = Files.list(runs)) {
            List<Path> dirs = entries.toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    /** The held-out log-likelihood per point of the closed-form MLE fitted to the run's training data. */
    private static double maximumLikelihood(Path examplesJar, RunConfig config) throws Exception {
        try (URLClassLoader loader = new URLClassLoader("ppca-reference", new java.net.URL[] {
            examplesJar.toUri().toURL()}, PpcaPluginIT.class.getClassLoader())) {
            DatasetProvider<?> provider = (DatasetProvider<?>) loader
                    .loadClass("org.alws.examples.ppca.PpcaDataProvider").getConstructor().newInstance();
            assertThat(provider.name()).isEqualTo(config.data().name());
            DataSplits data = load(provider, config.data().options(),
                    SeedStream.root(config.seed()).child("dataset"));
            int latent = ((Number) config.model().options().get("latent")).intValue();
            Class<?> solution = loader.loadClass("org.alws.examples.ppca.PpcaSolution");
            Object fit = solution.getMethod("fit", HostArray.class, int.class).invoke(null, data.train().all(),
                    latent);
            Method perPoint = solution.getMethod("logLikelihoodPerPoint", HostArray.class);
            return (double) perPoint.invoke(fit, data.test().all());
        }
    }

    private static <O extends Record> DataSplits load(DatasetProvider<O> provider, Map<String, Object> options,
            SeedStream seeds) {
        return provider.load(OptionsBinder.bind(provider, options), seeds);
    }
}
