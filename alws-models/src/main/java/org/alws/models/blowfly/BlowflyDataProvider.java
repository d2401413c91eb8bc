package org.alws.models.blowfly;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import org.alws.api.config.Doc;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * Nicholson's sheep blowfly data: 180 adult counts, one every two days (Nicholson 1954), shipped as the resource
 * {@value #RESOURCE} beside this class, or a series read from any CSV file with the same layout ({@link CountSeries}).
 * As in the reference experiment the counts are divided by their maximum, so the series lies in (0, 1]. The data set
 * is that one series, a single example of shape [T] (FLOAT64); there is nothing to hold out, so the test split is the
 * same series.
 */
@AutoService(DatasetProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class BlowflyDataProvider implements DatasetProvider<BlowflyDataProvider.Options> {
    /** The bundled series, a resource of this package. */
    public static final String RESOURCE = "blowfly.csv";

    /**
     * Options of the blowfly data.
     *
     * @param file a CSV file to read instead of the bundled series (empty: the bundled series)
     * @param column the header name of the column holding the counts
     */
    public record Options(
            @Doc("CSV file of counts to read instead of the bundled 180 blowfly counts (empty: the bundled series)")
            String file,
            @Doc("Header name of the CSV column holding the counts") String column) {
        /** Validates. */
        public Options {
            file = file == null ? "" : file.strip();
            org.alws.api.config.Check.notBlank("column", column);
        }
    }

    /** Below the default data set's 10: chosen by name (or by the model's name). */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String name() {
        return "blowfly";
    }

    @Override
    public String description() {
        return "Nicholson's blowfly adult counts (180 points, one every two days), divided by their maximum";
    }

    /** The bundled series, its {@code adults} column. */
    @Override
    public Options defaultOptions() {
        return new Options("", "adults");
    }

    @Override
    public DataSplits load(Options options, SeedStream seeds) {
        ArrayDataset data = new ArrayDataset(series(options));
        return new DataSplits(data, data);
    }

    /** The series of {@code options} divided by its maximum, [1, T]. */
    public static HostArray series(Options options) {
        double[] counts = options.file().isEmpty() ? CountSeries.resource(BlowflyDataProvider.class, RESOURCE,
                options.column()) : CountSeries.read(Path.of(options.file()), options.column());
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        double[] scaled = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            scaled[i] = counts[i] / max;
        }
        return HostArray.of(Shape.of(1, counts.length), scaled);
    }
}
