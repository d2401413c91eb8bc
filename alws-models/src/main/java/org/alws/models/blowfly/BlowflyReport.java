package org.alws.models.blowfly;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alws.api.StorageException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Tensor;

/**
 * What a trained series model is judged and shown by: {@value #SIMULATIONS} series simulated from the model at its
 * current parameters, their summary statistics against the data's ({@link SeriesStatistics}, lags 1..{@value #MAX_LAG}),
 * and, written by {@link #write}, a PNG of the data against {@value #SHOWN} of the simulations
 * ({@value #TRAJECTORIES_PNG}) and a text file of the learned parameters and the statistics
 * ({@value #SUMMARY_FILE}). It needs only a workspace holding the model's parameters, so a training run, a test or a
 * command can call it after training. The model's observed site must be a batch of series, [n, T].
 */
public final class BlowflyReport {
    /** Series simulated for the statistics. */
    public static final int SIMULATIONS = 100;
    /** Simulated series drawn against the data. */
    public static final int SHOWN = 5;
    /** The largest autocorrelation lag compared. */
    public static final int MAX_LAG = 20;
    /** The picture of the data against simulations. */
    public static final String TRAJECTORIES_PNG = "blowfly-trajectories.png";
    /** The learned parameters and the statistics, as text. */
    public static final String SUMMARY_FILE = "blowfly-parameters.txt";

    private static final java.util.concurrent.atomic.AtomicLong FUNCTIONS = new java.util.concurrent.atomic.AtomicLong();

    private BlowflyReport() {
    }

    /**
     * The statistics of the data and of the simulations, and the simulations themselves.
     *
     * @param data the data series (the first row of a [1, T] array, or a [T] array)
     * @param simulated the simulated series, [S, T]
     * @param dataStatistics the data's statistics
     * @param simulatedStatistics the simulations' averaged statistics ({@link SeriesStatistics#average})
     */
    public record Result(double[] data, HostArray simulated, SeriesStatistics dataStatistics,
            SeriesStatistics simulatedStatistics) {
        /** |simulated mean − data mean| / data mean. */
        public double meanError() {
            return relative(simulatedStatistics.mean(), dataStatistics.mean());
        }

        /** |simulated std − data std| / data std. */
        public double stdError() {
            return relative(simulatedStatistics.std(), dataStatistics.std());
        }

        /** |simulated period − data period| / data period. */
        public double periodError() {
            return relative(simulatedStatistics.period(), dataStatistics.period());
        }

        /** The largest |autocorrelation difference| over the lags compared. */
        public double autocorrelationGap() {
            return simulatedStatistics.maxAutocorrelationGap(dataStatistics);
        }

        private static double relative(double value, double reference) {
            return Math.abs(value - reference) / Math.abs(reference);
        }

        /** The figures, one per line. */
        public String describe() {
            int lags = dataStatistics.autocorrelation().length;
            return String.format(Locale.ROOT, "statistic       data      simulated (mean of %d series; period: median)%n"
                    + "mean          %8.4f  %8.4f   relative error %.3f%n"
                    + "std           %8.4f  %8.4f   relative error %.3f%n"
                    + "period        %8.2f  %8.2f   relative error %.3f%n"
                    + "acf lag 1     %8.3f  %8.3f%n"
                    + "acf lag %-2d    %8.3f  %8.3f%n"
                    + "acf max |gap| over lags 1..%d: %.3f%n",
                    simulated.shape().dim(0), dataStatistics.mean(), simulatedStatistics.mean(), meanError(),
                    dataStatistics.std(), simulatedStatistics.std(), stdError(), dataStatistics.period(),
                    simulatedStatistics.period(), periodError(), dataStatistics.autocorrelation()[0],
                    simulatedStatistics.autocorrelation()[0], lags, dataStatistics.autocorrelation()[lags - 1],
                    simulatedStatistics.autocorrelation()[lags - 1], lags, autocorrelationGap());
        }
    }

    /**
     * Draws {@code count} joint samples of {@code model} at its current parameters and returns its observed site, a
     * pure function of {@code seed} (INT64[2]).
     */
    public static HostArray simulate(Workspace workspace, GenerativeModel model, Parameters parameters, int count,
            HostArray seed) {
        CompiledFunction f = workspace.compile("blowfly-report/simulate" + FUNCTIONS.incrementAndGet(),
                List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Tensor x = Traces.sample(model, ops, parameters, count, in.get(0)).observed().value();
                    return List.of(x);
                });
        List<DeviceArray> out = f.call(seed);
        try {
            return out.get(0).toHost();
        } finally {
            out.forEach(DeviceArray::close);
        }
    }

    /**
     * Simulates {@value #SIMULATIONS} series and compares their statistics with the data's.
     *
     * @param data the observed series, [1, T] or [T]
     * @param seeds the stream the simulations are drawn from
     * @throws IllegalArgumentException if the model's series are not as long as the data
     */
    public static Result evaluate(Workspace workspace, GenerativeModel model, Parameters parameters, HostArray data,
            SeedStream seeds) {
        return evaluate(workspace, model, parameters, data, seeds, SIMULATIONS, MAX_LAG);
    }

    /** As {@link #evaluate(Workspace, GenerativeModel, Parameters, HostArray, SeedStream)} with other sizes. */
    public static Result evaluate(Workspace workspace, GenerativeModel model, Parameters parameters, HostArray data,
            SeedStream seeds, int simulations, int maxLag) {
        HostArray simulated = simulate(workspace, model, parameters, simulations, seeds.statelessSeed(0));
        return compare(data, simulated, maxLag);
    }

    /**
     * The statistics of {@code data} ([1, T] or [T]) and of the rows of {@code simulated} ([S, T]), with
     * autocorrelations up to lag {@code maxLag}.
     */
    public static Result compare(HostArray data, HostArray simulated, int maxLag) {
        double[] series = data.doubles();
        if (simulated.shape().rank() != 2 || simulated.shape().dim(1) != series.length) {
            throw new IllegalArgumentException("blowfly report: simulated series of shape " + simulated.shape()
                    + " against a data series of " + series.length + " points; expected [S, " + series.length + "]");
        }
        return new Result(series, simulated, SeriesStatistics.of(series, maxLag),
                SeriesStatistics.average(rows(simulated), maxLag));
    }

    /**
     * Evaluates the model ({@link #evaluate}) and writes {@value #TRAJECTORIES_PNG} and {@value #SUMMARY_FILE} into
     * {@code directory} (created if needed).
     *
     * @throws StorageException naming a file that cannot be written
     */
    public static Result write(Path directory, Workspace workspace, GenerativeModel model, Parameters parameters,
            HostArray data, SeedStream seeds) {
        Result result = evaluate(workspace, model, parameters, data, seeds);
        write(directory, result, BlowflyModel.naturalParameters(parameters.values()));
        return result;
    }

    /** Writes the picture and the text of {@code result} and {@code parameters} (natural scale, by name). */
    public static void write(Path directory, Result result, Map<String, Double> parameters) {
        LineChart chart = new LineChart("Blowfly: data against " + SHOWN + " simulations of the trained model",
                "time step (2 days)", "adults / max");
        Color[] colours = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd)};
        double[][] rows = rows(result.simulated());
        for (int i = 0; i < Math.min(SHOWN, rows.length); i++) {
            chart.add("simulation " + (i + 1), colours[i % colours.length], 1.2f, rows[i]);
        }
        chart.add("data", Color.BLACK, 2.6f, result.data());
        chart.write(directory.resolve(TRAJECTORIES_PNG));

        StringBuilder text = new StringBuilder("Learned parameters\n");
        parameters.forEach((k, v) -> text.append(String.format(Locale.ROOT, "%-12s %.6g%n", k, v)));
        text.append("\nSummary statistics\n").append(result.describe());
        writeText(directory.resolve(SUMMARY_FILE), text.toString());
    }

    private static double[][] rows(HostArray a) {
        int n = Math.toIntExact(a.shape().dim(0));
        int t = Math.toIntExact(a.shape().dim(1));
        double[] v = a.doubles();
        double[][] out = new double[n][t];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v, i * t, out[i], 0, t);
        }
        return out;
    }

    private static void writeText(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".report", ".txt");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StorageException(file + ": cannot write the report: " + e.getMessage(), e);
        }
    }
}
