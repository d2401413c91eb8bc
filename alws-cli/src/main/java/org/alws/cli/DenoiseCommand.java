package org.alws.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.StorageException;
import org.alws.api.tensor.HostArray;
import org.alws.cli.text.Format;
import org.alws.core.reconstruct.Denoising;
import org.alws.core.reconstruct.DenoisingOptions;
import org.alws.core.reconstruct.DenoisingResult;
import org.alws.core.reconstruct.MapEstimator;
import org.alws.core.reconstruct.MapOptions;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.TrainedRuns;
import org.alws.core.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws denoise RUN_DIR...}: MAP reconstruction and denoising of the first test images of each run's data set
 * with the run's model at its latest checkpoint ({@link Denoising}); each run is one method, labelled by its learner
 * (and its directory name where two runs share a learner). Every run sees the same noisy images: each pixel flipped
 * with probability {@code --flip}, drawn from {@code --seed}. Prints the table of mean MSE ± standard error and writes
 * it, with the per-image errors, a histogram of the denoising errors and example rows, into a new directory
 * ({@link DenoiseReport}). The options are checked and every run directory is opened before any work is done.
 */
@Command(name = "denoise", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "MAP reconstruction and denoising of test images by trained runs.",
            "For each run (one per method, labelled by its learner), finds z = argmax log p(x, z) by Adam on the "
                    + "unconstrained latents for each of the first N test images, clean and with each pixel flipped "
                    + "with probability P, and scores both reconstructions E[x | z] by their mean squared error "
                    + "against the clean image.",
            "Writes denoising.md, denoising.csv, per-image.csv, denoising-mse.png and examples.png into a new "
                    + "directory."
        })
final class DenoiseCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Trained run directories, one per method.")
    private List<Path> runs = new ArrayList<>();

    @Option(names = "--images", paramLabel = "N", defaultValue = "1000",
            description = "Test images, from the first (default: ${DEFAULT-VALUE}).")
    private int images;

    @Option(names = "--flip", paramLabel = "P", defaultValue = "0.1",
            description = "Probability of flipping each pixel, in [0, 1) (default: ${DEFAULT-VALUE}).")
    private double flip;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "1000",
            description = "Adam steps of the MAP ascent (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.2",
            description = "Adam step size of the MAP ascent (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "1000",
            description = "Images optimised together (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the pixel flips (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--examples", paramLabel = "E", defaultValue = "8",
            description = "Images shown in examples.png (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Option(names = "--out", paramLabel = "DIR",
            description = "A new (or empty) output directory (default: denoise-<yyyyMMdd-HHmmss>).")
    private Path out;

    @Override
    public Integer call() {
        DenoisingOptions options = options();
        Path target = (out != null ? out : Path.of("denoise-" + LocalDateTime.now().format(STAMP))).toAbsolutePath()
                .normalize();
        checkFree(target);
        List<RunDirectory> dirs = new ArrayList<>();
        for (Path r : runs) {
            dirs.add(RunDirectory.open(r));
        }
        PrintWriter err = spec.commandLine().getErr();
        List<DenoiseReport.Method> methods = new ArrayList<>();
        HostArray firstClean = null;
        for (RunDirectory dir : dirs) {
            long start = System.nanoTime();
            try (TrainingRun run = TrainedRuns.open(root.registry(), dir.path())) {
                HostArray clean = Denoising.firstImages(run.data().test(), options.images(), "run " + dir.path());
                MapEstimator estimator = new MapEstimator(run.workspace(), run.model(), run.modelParameters(),
                        options.map());
                DenoisingResult result = run.withEvaluatedParameters(() -> Denoising.run(estimator, clean, options));
                String learner = run.resolved().learner().name();
                methods.add(new DenoiseReport.Method(learner, dir.name(), dir.path(),
                        run.context().structure().observed().eventShape(), result));
                if (firstClean == null) {
                    firstClean = clean;
                } else if (!firstClean.equals(clean)) {
                    err.println("warning: the test images of run " + dir.name() + " differ from those of run "
                            + dirs.get(0).name() + "; their errors are not comparable");
                }
                err.printf("%s (%s): reconstruction MSE %s, denoising MSE %s (%s)%n", dir.name(), learner,
                        DenoiseReport.plusMinus(result.reconstruction()), DenoiseReport.plusMinus(result.denoising()),
                        Format.seconds((System.nanoTime() - start) / 1e9));
                err.flush();
            }
        }
        DenoiseReport report = new DenoiseReport(DenoiseReport.label(methods), options, examples);
        report.write(target);
        report.print(spec.commandLine().getOut(), target);
        return ExitCodes.OK;
    }

    /** The options, checked with the flags' names. */
    private DenoisingOptions options() {
        if (images < 1) {
            throw new ConfigException("--images", images, "an integer >= 1");
        }
        if (!(flip >= 0 && flip < 1)) {
            throw new ConfigException("--flip", flip, "a probability in [0, 1)");
        }
        if (steps < 1) {
            throw new ConfigException("--steps", steps, "an integer >= 1");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new ConfigException("--learning-rate", learningRate, "a finite number > 0");
        }
        if (batchSize < 1) {
            throw new ConfigException("--batch-size", batchSize, "an integer >= 1");
        }
        if (examples < 1) {
            throw new ConfigException("--examples", examples, "an integer >= 1");
        }
        return new DenoisingOptions(images, flip, seed, new MapOptions(steps, learningRate, batchSize));
    }

    /** Fails before any work if the output directory exists and is not empty. */
    static void checkFree(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StorageException("output directory " + dir + " is a file; choose another --out");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                throw new StorageException("output directory " + dir + " already exists and is not empty; choose "
                        + "another --out");
            }
        } catch (IOException e) {
            throw new StorageException("cannot list output directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
