package org.alws.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.StorageException;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.cli.text.Csv;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.plot.ImageGrid;
import org.alws.core.plot.Plots;
import org.alws.core.reconstruct.DenoisingOptions;
import org.alws.core.reconstruct.DenoisingResult;
import org.alws.core.run.AtomicFiles;

/**
 * The output of {@code alws denoise}: a Markdown report ({@value #MARKDOWN}) with the table of mean MSE ± standard
 * error per method for reconstruction and denoising, the same table as CSV ({@value #SUMMARY_CSV}), every image's
 * errors ({@value #PER_IMAGE_CSV}), a histogram of the per-image denoising MSE per method ({@value #HISTOGRAM}) and
 * example rows ({@value #EXAMPLES}: the data, the noisy images, then each method's reconstructions and denoised
 * images).
 */
final class DenoiseReport {
    static final String MARKDOWN = "denoising.md";
    static final String SUMMARY_CSV = "denoising.csv";
    static final String PER_IMAGE_CSV = "per-image.csv";
    static final String HISTOGRAM = "denoising-mse.png";
    static final String EXAMPLES = "examples.png";
    static final List<String> SUMMARY_HEADER = List.of("method", "run", "images", "flip", "reconstruction_mse",
            "reconstruction_se", "denoising_mse", "denoising_se");
    static final List<String> PER_IMAGE_HEADER = List.of("method", "image", "reconstruction_mse", "denoising_mse");
    /** Bins of the histogram. */
    private static final int BINS = 40;
    /** Drawn width of an example image, in pixels (about). */
    private static final int EXAMPLE_PIXELS = 84;

    /**
     * One method: a run and what it measured.
     *
     * @param label the method's name in the report
     * @param learner the run's learner
     * @param run the run directory's name
     * @param directory the run directory
     * @param event the shape of one image
     * @param result the errors and images
     */
    record Method(String label, String learner, String run, Path directory, Shape event, DenoisingResult result) {
        Method(String learner, String run, Path directory, Shape event, DenoisingResult result) {
            this(learner, learner, run, directory, event, result);
        }
    }

    private final List<Method> methods;
    private final DenoisingOptions options;
    private final int examples;

    DenoiseReport(List<Method> methods, DenoisingOptions options, int examples) {
        this.methods = List.copyOf(methods);
        this.options = options;
        this.examples = examples;
    }

    /** The methods labelled by their learner, with the run's name added where two runs share a learner. */
    static List<Method> label(List<Method> methods) {
        Map<String, Integer> count = new HashMap<>();
        for (Method m : methods) {
            count.merge(m.learner(), 1, Integer::sum);
        }
        List<Method> out = new ArrayList<>();
        for (Method m : methods) {
            String label = count.get(m.learner()) > 1 ? m.learner() + " (" + m.run() + ")" : m.learner();
            out.add(new Method(label, m.learner(), m.run(), m.directory(), m.event(), m.result()));
        }
        return out;
    }

    /** {@code mean ± standard error}, four and two significant digits. */
    static String plusMinus(DenoisingResult.Summary s) {
        return Format.number(s.mean(), 4) + " ± " + Format.number(s.standardError(), 2);
    }

    /** Writes every file into {@code dir}, created if needed. */
    void write(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
        List<List<String>> summary = new ArrayList<>();
        List<List<String>> perImage = new ArrayList<>();
        Map<String, double[]> histogram = new LinkedHashMap<>();
        for (Method m : methods) {
            DenoisingResult r = m.result();
            summary.add(List.of(m.label(), m.run(), Integer.toString(options.images()), Double.toString(options.flip()),
                    Double.toString(r.reconstruction().mean()), Double.toString(r.reconstruction().standardError()),
                    Double.toString(r.denoising().mean()), Double.toString(r.denoising().standardError())));
            for (int i = 0; i < r.denoisingMse().length; i++) {
                perImage.add(List.of(m.label(), Integer.toString(i), Double.toString(r.reconstructionMse()[i]),
                        Double.toString(r.denoisingMse()[i])));
            }
            histogram.put(m.label(), r.denoisingMse());
        }
        Csv.write(dir.resolve(SUMMARY_CSV), SUMMARY_HEADER, summary);
        Csv.write(dir.resolve(PER_IMAGE_CSV), PER_IMAGE_HEADER, perImage);
        Plots.histograms(dir.resolve(HISTOGRAM), "Per-image denoising MSE (each pixel flipped with probability "
                + options.flip() + ")", "MSE against the clean image", "images", histogram, BINS);
        writeExamples(dir.resolve(EXAMPLES));
        AtomicFiles.write(dir.resolve(MARKDOWN), markdown().getBytes(StandardCharsets.UTF_8));
    }

    private String settings() {
        return options.images() + " test images; each pixel flipped with probability " + options.flip()
                + " (seed " + options.noiseSeed() + "); latents by " + options.map().steps() + " Adam steps of size "
                + options.map().learningRate() + " on log p(x, z) in z's own coordinates (no Jacobian); MSE of "
                + "E[x | z] against the clean image, mean ± standard error over images. The noisy images themselves "
                + "have MSE " + plusMinus(methods.get(0).result().noise()) + ".";
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# MAP reconstruction and denoising\n\n").append(settings())
                .append("\n\n| method | run | reconstruction MSE | denoising MSE |\n|---|---|---|---|\n");
        for (Method m : methods) {
            md.append("| ").append(m.label()).append(" | ").append(m.run()).append(" | ")
                    .append(plusMinus(m.result().reconstruction())).append(" | ")
                    .append(plusMinus(m.result().denoising())).append(" |\n");
        }
        md.append("\nRuns:\n\n");
        for (Method m : methods) {
            md.append("- ").append(m.label()).append(": `").append(m.directory()).append("`\n");
        }
        md.append("\n![Per-image denoising MSE](").append(HISTOGRAM).append(")\n\n")
                .append("![Examples: data, noisy, then each method's reconstructions and denoised images](")
                .append(EXAMPLES).append(")\n");
        return md.toString();
    }

    private void writeExamples(Path png) {
        Method first = methods.get(0);
        Shape event = first.event();
        int[] hw = event.rank() >= 2 ? new int[] {Math.toIntExact(event.dim(0)), Math.toIntExact(event.dim(1))}
                : ImageGrid.layout(event.size());
        int shown = Math.min(examples, Math.toIntExact(first.result().clean().shape().dim(0)));
        List<ImageGrid.Row> rows = new ArrayList<>();
        rows.add(new ImageGrid.Row("data", images(first.result().clean(), shown, hw)));
        rows.add(new ImageGrid.Row("noisy (p = " + options.flip() + ")", images(first.result().noisy(), shown, hw)));
        double low = 0;
        double high = 1;
        for (Method m : methods) {
            rows.add(new ImageGrid.Row(m.label() + " reconstructed", images(m.result().reconstructed(), shown, hw)));
            rows.add(new ImageGrid.Row(m.label() + " denoised", images(m.result().denoised(), shown, hw)));
        }
        for (ImageGrid.Row r : rows) {
            for (double[] image : r.images()) {
                for (double v : image) {
                    if (Double.isFinite(v)) {
                        low = Math.min(low, v);
                        high = Math.max(high, v);
                    }
                }
            }
        }
        int zoom = Math.max(1, EXAMPLE_PIXELS / Math.max(hw[0], hw[1]));
        ImageGrid.write(png, rows, hw[0], hw[1], low, high, zoom);
    }

    /** The first {@code count} images, each its first h·w values (the first channel of an [H, W, C] image). */
    private static List<double[]> images(HostArray batch, int count, int[] hw) {
        double[] all = batch.doubles();
        int per = all.length / Math.toIntExact(batch.shape().dim(0));
        int size = hw[0] * hw[1];
        int channels = per / size;
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] image = new double[size];
            for (int p = 0; p < size; p++) {
                image[p] = all[i * per + p * channels];
            }
            out.add(image);
        }
        return out;
    }

    /** Prints the table and where the files are. */
    void print(PrintWriter out, Path dir) {
        out.println("MAP reconstruction and denoising: " + settings());
        Table t = Table.withHeader("method", "reconstruction MSE", "denoising MSE", "run")
                .align(Table.Align.RIGHT, 1, 2);
        for (Method m : methods) {
            t.row(m.label(), plusMinus(m.result().reconstruction()), plusMinus(m.result().denoising()), m.run());
        }
        t.print(out, "  ");
        out.println("Report: " + dir.resolve(MARKDOWN));
        out.println("  " + dir.resolve(SUMMARY_CSV));
        out.println("  " + dir.resolve(PER_IMAGE_CSV));
        out.println("  " + dir.resolve(HISTOGRAM));
        out.println("  " + dir.resolve(EXAMPLES));
        out.flush();
    }
}
