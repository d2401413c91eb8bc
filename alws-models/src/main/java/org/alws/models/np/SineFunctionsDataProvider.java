package org.alws.models.np;

import com.google.auto.service.AutoService;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.data.DatasetProvider;
import org.alws.api.model.DrawsFigures;
import org.alws.api.model.FigureContext;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Sine functions for neural processes, as in the reference: each example is one function a·sin(x − b) with
 * a ~ U(amplitudeMin, amplitudeMax) and b ~ U(phaseMin, phaseMax), observed with Gaussian noise on {@code gridPoints}
 * evenly spaced points in [−π, π], of which {@code targetPoints} distinct ones are drawn as targets, the first
 * {@code contextPoints} of them the context ({@link SineFunction}). An example is the FLOAT64 row
 * [y_T | x_T | y_C] of length 2T + C, the data layout of a {@link NeuralProcessModel} with the same T and C.
 *
 * <p>Function i of the training set is drawn from {@code seeds.child("train").random(i)}, of the test set from
 * {@code seeds.child("test").random(i)}, so any function can be {@linkplain #testFunction regenerated} whole (its a,
 * b and noisy curve) from the run's data seed. Draws the predictive bands of a trained neural process when the run
 * ends ({@link NeuralProcessFigure}).
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class SineFunctionsDataProvider implements DatasetProvider<SineFunctionsDataProvider.Options>,
        DrawsFigures {
    /** The functions whose predictive bands the figure shows: the first test functions. */
    static final int FIGURE_FUNCTIONS = 6;
    /** Latent draws z ~ p(z | context) behind each panel of the figure. */
    static final int FIGURE_SAMPLES = 200;

    /**
     * Options of the sine functions.
     *
     * @param trainSize number of training functions
     * @param testSize number of test functions
     * @param gridPoints the evenly spaced points in [−π, π] each function is observed at
     * @param contextPoints C, the context points (the first targets)
     * @param targetPoints T, the target points, distinct grid points
     * @param noise the standard deviation of the Gaussian noise on y
     * @param amplitudeMin the lower end of a's uniform range
     * @param amplitudeMax the upper end of a's uniform range
     * @param phaseMin the lower end of b's uniform range
     * @param phaseMax the upper end of b's uniform range
     */
    public record Options(
            @Doc("Number of training functions, >= 1") int trainSize,
            @Doc("Number of test functions, >= 1") int testSize,
            @Doc("Evenly spaced points in [-pi, pi] each function is observed at, >= max(2, targetPoints)")
            int gridPoints,
            @Doc("C, the context points (the first targets), >= 1") int contextPoints,
            @Doc("T, the target points (distinct grid points), > contextPoints") int targetPoints,
            @Doc("Standard deviation of the Gaussian noise on y, >= 0") double noise,
            @Doc("Lower end of the amplitude a's uniform range") double amplitudeMin,
            @Doc("Upper end of the amplitude a's uniform range, >= amplitudeMin") double amplitudeMax,
            @Doc("Lower end of the phase b's uniform range") double phaseMin,
            @Doc("Upper end of the phase b's uniform range, >= phaseMin") double phaseMax) {
        /** Validates. */
        public Options {
            Check.atLeast("trainSize", trainSize, 1);
            Check.atLeast("testSize", testSize, 1);
            Check.atLeast("contextPoints", contextPoints, 1);
            if (targetPoints <= contextPoints) {
                throw new ConfigException("targetPoints", targetPoints, "an integer > contextPoints ("
                        + contextPoints + "): the targets are the context points and more");
            }
            if (gridPoints < Math.max(2, targetPoints)) {
                throw new ConfigException("gridPoints", gridPoints, "an integer >= " + Math.max(2, targetPoints)
                        + ": at least two, and at least targetPoints, since the targets are distinct grid points");
            }
            Check.nonNegative("noise", noise);
            Check.finite("amplitudeMin", amplitudeMin);
            atLeast("amplitudeMax", amplitudeMax, "amplitudeMin", amplitudeMin);
            Check.finite("phaseMin", phaseMin);
            atLeast("phaseMax", phaseMax, "phaseMin", phaseMin);
        }

        private static void atLeast(String field, double value, String lowField, double low) {
            if (!(value >= low) || !Double.isFinite(value)) {
                throw new ConfigException(field, value, "a finite number >= " + lowField + " (" + low + ")");
            }
        }
    }

    /** Below the default data set's 10: chosen by name. */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "sine-functions";
    }

    @Override
    public String description() {
        return "Sine functions a sin(x - b) with noise on a grid over [-pi, pi], each a row [y_T | x_T | y_C] of "
                + "T random grid points, the first C the context (for neural-process)";
    }

    /**
     * The reference's: 10,000 training and 1,000 test functions, 100 grid points, 4 context and 8 target points,
     * noise 0.1, a ~ U(−0.5, 1), b ~ U(−0.5, 0.5).
     */
    @Override
    public Options defaultOptions() {
        return new Options(10_000, 1_000, 100, 4, 8, 0.1, -0.5, 1.0, -0.5, 0.5);
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        return new DataSplits(rows(options, seeds.child("train"), options.trainSize()),
                rows(options, seeds.child("test"), options.testSize()));
    }

    /** Test function {@code index} of the data drawn with {@code seeds}, whole: its row is the test set's row. */
    public static SineFunction testFunction(Options options, SeedStream seeds, int index) {
        if (index < 0 || index >= options.testSize()) {
            throw new IndexOutOfBoundsException("test function " + index + " of " + options.testSize());
        }
        return SineFunction.draw(options, seeds.child("test").random(index));
    }

    private static Dataset rows(Options options, SeedStream stream, int count) {
        int width = 2 * options.targetPoints() + options.contextPoints();
        double[] data = new double[count * width];
        for (int i = 0; i < count; i++) {
            double[] row = SineFunction.draw(options, stream.random(i)).row(options.contextPoints());
            System.arraycopy(row, 0, data, i * width, width);
        }
        return new ArrayDataset(HostArray.of(Shape.of(count, width), data));
    }

    /**
     * For a {@link NeuralProcessModel} with these data's context and target points, draws the predictive bands of
     * the first {@value #FIGURE_FUNCTIONS} test functions ({@link NeuralProcessFigure}); nothing for other models.
     */
    @Override
    public void drawFigures(FigureContext context) {
        Options options = (Options) context.dataOptions();
        if (context.model() instanceof NeuralProcessModel model && model.contextPoints() == options.contextPoints()
                && model.targetPoints() == options.targetPoints()) {
            int count = Math.min(FIGURE_FUNCTIONS, options.testSize());
            SineFunction[] functions = new SineFunction[count];
            for (int i = 0; i < count; i++) {
                functions[i] = testFunction(options, context.dataSeeds(), i);
            }
            NeuralProcessFigure.write(context.directory(), NeuralProcessFigure.content(context.workspace(), model,
                    context.parameters(), functions, FIGURE_SAMPLES, context.seeds().child("neural-process")));
        }
    }
}
