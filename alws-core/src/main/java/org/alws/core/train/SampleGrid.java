package org.alws.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.data.Dataset;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.plot.ImageGrid;

/**
 * Pictures of an image model's samples: the mean of the observed site (its full draw if its distribution has no
 * mean) at latent draws fixed by the run's seed, so that pictures of one run at different epochs, and of runs with
 * the same seed, show the same latent draws. Only models whose observed site is image-shaped are drawn: examples
 * [H, W] or [H, W, 1] with H, W ≥ {@value #MIN_SIDE}, or flattened [D] with D = s² and s ≥ {@value #MIN_SIDE}
 * (drawn as s × s).
 */
public final class SampleGrid {
    /** Images per side of the per-epoch grid. */
    public static final int SIDE = 8;
    /** The smallest side of a flattened image drawn as a square; smaller vectors are not pictures. */
    public static final int MIN_SIDE = 8;
    /** Test examples the data's value range is taken from. */
    static final int RANGE_EXAMPLES = 1000;

    /**
     * Images and how to draw them.
     *
     * @param height rows of an image
     * @param width columns of an image
     * @param low the value drawn black (the data's smallest)
     * @param high the value drawn white (the data's largest)
     * @param images row-major images of height × width values
     */
    public record Images(int height, int width, double low, double high, List<double[]> images) {
        /** Copies the list. */
        public Images {
            images = List.copyOf(images);
        }

        /** The zoom that draws an image about 56 pixels high. */
        public int zoom() {
            return Math.max(1, 56 / Math.max(height, width));
        }
    }

    private SampleGrid() {
    }

    /** {@code {H, W}} if examples of {@code eventShape} are grayscale images, else empty. */
    public static Optional<int[]> layout(Shape eventShape) {
        long[] d = eventShape.dims();
        if ((d.length == 3 && d[2] == 1) || d.length == 2) {
            return d[0] >= MIN_SIDE && d[1] >= MIN_SIDE
                    ? Optional.of(new int[] {Math.toIntExact(d[0]), Math.toIntExact(d[1])}) : Optional.empty();
        }
        if (d.length == 1) {
            long side = Math.round(Math.sqrt(d[0]));
            if (side >= MIN_SIDE && side * side == d[0]) {
                return Optional.of(new int[] {(int) side, (int) side});
            }
        }
        return Optional.empty();
    }

    /** Whether the run's model observes images (see {@link #layout}). */
    public static boolean drawsImages(TrainingRun run) {
        ModelStructure s = run.context().structure();
        return !s.conditional() && layout(s.observed().eventShape()).isPresent();
    }

    /**
     * The first {@code count} images of the run's model at its current parameters, at the fixed latent draws.
     *
     * @throws IllegalStateException if the model does not observe images
     */
    public static Images draw(TrainingRun run, int count, double[] range) {
        int[] hw = layout(run.context().structure().observed().eventShape()).orElseThrow(
                () -> new IllegalStateException("the model's observed site is not an image"));
        GenerativeModel model = run.model();
        Parameters parameters = run.modelParameters();
        CompiledFunction f = run.workspace().compile("sample-grid/" + parameters.prefix() + count,
                List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Site x = Traces.sample(model, ops, parameters, count, in.get(0)).observed();
                    Tensor images = x.value();
                    Tensor mean;
                    try {
                        mean = x.distribution().mean();
                    } catch (UnsupportedOperationException e) {
                        mean = images;
                    }
                    if (!mean.shape().equals(images.shape())) {
                        mean = ops.broadcastTo(mean, images.shape());
                    }
                    return List.of(mean.cast(DType.FLOAT64));
                });
        SeedStream seeds = SeedStream.root(run.resolved().config().seed()).child("plots").child("sample-grid");
        List<DeviceArray> out = f.call(seeds.statelessSeed(0));
        double[] values;
        try {
            values = out.get(0).toHost().doubles();
        } finally {
            out.forEach(DeviceArray::close);
        }
        int pixels = hw[0] * hw[1];
        List<double[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] image = new double[pixels];
            System.arraycopy(values, i * pixels, image, 0, pixels);
            images.add(image);
        }
        return new Images(hw[0], hw[1], range[0], range[1], images);
    }

    /** {@code {min, max}} of the first test examples (a unit range around a constant value). */
    public static double[] range(Dataset test) {
        int n = Math.min(RANGE_EXAMPLES, test.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : test.examples(idx).doubles()) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(lo < hi)) {
            double centre = Double.isFinite(lo) ? lo : 0;
            return new double[] {centre - 0.5, centre + 0.5};
        }
        return new double[] {lo, hi};
    }

    /** Writes {@link #SIDE} × {@link #SIDE} images as a grid, the first row labelled {@code label}. */
    public static void write(Path png, Images grid, String label) {
        List<ImageGrid.Row> rows = new ArrayList<>();
        for (int r = 0; r * SIDE < grid.images().size(); r++) {
            List<double[]> row = grid.images().subList(r * SIDE, Math.min(grid.images().size(), (r + 1) * SIDE));
            rows.add(new ImageGrid.Row(r == 0 ? label : "", row));
        }
        ImageGrid.write(png, rows, grid.height(), grid.width(), grid.low(), grid.high(), grid.zoom());
    }
}
