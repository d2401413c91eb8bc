package org.alws.models.pinwheel;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.alws.api.StorageException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.model.DrawsFigures;
import org.alws.api.model.FigureContext;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Draws of a {@link Pinwheel} at the reference's settings by default: 5 arms, radial standard deviation 0.3,
 * tangential 0.1, rate 0.2, 2,500 training points (the reference's 5 × 500) and 1,000 test points. The reference
 * centres its draws on their sample mean; the distribution's own mean is 0 (its arms are rotations of each other),
 * so the draws are left as they are and the data's density is exactly {@link Pinwheel#logDensity}. Examples are
 * FLOAT64 of shape [2]; the training set is drawn from {@code seeds.child("train")} and the test set from
 * {@code seeds.child("test")}, so each is a pure function of the run's data seed. When a run ends, the provider writes
 * {@value #LIKELIHOOD_FILE}: the data generator's exact held-out log-likelihood per point on the first
 * {@value #FIGURE_POINTS} test points and, for a {@link PinwheelModel}, the model's estimate on the same points
 * ({@link PinwheelLikelihood}, {@value #FIGURE_SAMPLES} importance samples) and their relative gap.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class PinwheelDataProvider implements DatasetProvider<PinwheelDataProvider.Options>, DrawsFigures {
    /** The file of held-out log-likelihoods written when a run ends. */
    public static final String LIKELIHOOD_FILE = "pinwheel-loglik.txt";
    /** Test points compared in {@value #LIKELIHOOD_FILE}. */
    static final int FIGURE_POINTS = 1000;
    /** Importance samples per point for the model's estimate in {@value #LIKELIHOOD_FILE}. */
    static final int FIGURE_SAMPLES = 2000;


    /**
     * Options of the pinwheel data.
     *
     * @param arms the number of arms K
     * @param radialStd the standard deviation along an arm
     * @param tangentialStd the standard deviation across an arm
     * @param rate how fast the arms turn with distance
     * @param trainSize number of training points
     * @param testSize number of test points
     */
    public record Options(
            @Doc("Number of arms K, >= 1") int arms,
            @Doc("Standard deviation along an arm (radial), > 0") double radialStd,
            @Doc("Standard deviation across an arm (tangential), > 0") double tangentialStd,
            @Doc("How fast the arms turn: a point at radius r is turned by rate * exp(r) radians, >= 0") double rate,
            @Doc("Number of training points, >= 1") int trainSize,
            @Doc("Number of test points, >= 1") int testSize) {
        /** Validates. */
        public Options {
            Check.atLeast("arms", arms, 1);
            Check.positive("radialStd", radialStd);
            Check.positive("tangentialStd", tangentialStd);
            Check.nonNegative("rate", rate);
            Check.atLeast("trainSize", trainSize, 1);
            Check.atLeast("testSize", testSize, 1);
        }

        /** The distribution these options draw from. */
        public Pinwheel distribution() {
            return new Pinwheel(arms, radialStd, tangentialStd, rate);
        }
    }

    /** Below the default data set's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "pinwheel";
    }

    @Override
    public String description() {
        return "Synthetic 2-D pinwheel: 5 bent arms (radial std 0.3, tangential std 0.1, rate 0.2), exact density "
                + "by change of variables";
    }

    @Override
    public Options defaultOptions() {
        return new Options(5, 0.3, 0.1, 0.2, 2500, 1000);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        Pinwheel p = options.distribution();
        return new DataSplits(
                new ArrayDataset(HostArray.of(Shape.of(options.trainSize(), 2),
                        p.sample(options.trainSize(), seeds.child("train").random(0)))),
                new ArrayDataset(HostArray.of(Shape.of(options.testSize(), 2),
                        p.sample(options.testSize(), seeds.child("test").random(0)))));
    }

    /** The generator's exact mean log-density over the first {@code points} rows of the test split. */
    public static double generatorLogLikelihood(Options options, DataSplits data, int points) {
        int n = Math.min(points, data.test().size());
        double sum = 0;
        for (double v : options.distribution().logDensity(data.test().all().rows(0, n).doubles())) {
            sum += v;
        }
        return sum / n;
    }

    /** Writes {@value #LIKELIHOOD_FILE} into the run's plots directory. */
    @Override
    public void drawFigures(FigureContext context) {
        Options options = (Options) context.dataOptions();
        int n = Math.min(FIGURE_POINTS, context.data().test().size());
        double truth = generatorLogLikelihood(options, context.data(), n);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "held-out log-likelihood per point, first "
                + "%d test points%ndata generator (exact, change of variables): %.5f%n", n, truth));
        if (context.model() instanceof PinwheelModel model) {
            double estimate = model.parameters(context.parameters().values()).likelihood(FIGURE_SAMPLES)
                    .meanLogLikelihood(context.data().test().all().rows(0, n).doubles(), context.seeds().random(0));
            text.append(String.format(Locale.ROOT, "model (importance sampling, %d samples per point): %.5f%n"
                    + "relative gap: %.2f%%%n", FIGURE_SAMPLES, estimate, 100 * (truth - estimate) / Math.abs(truth)));
        }
        Path file = context.directory().resolve(LIKELIHOOD_FILE);
        try {
            Path tmp = Files.createTempFile(context.directory(), ".pinwheel-loglik", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StorageException(file + ": cannot write the likelihoods: " + e.getMessage(), e);
        }
    }
}
