package org.alws.models.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The mean images of a model whose observed site is a grayscale image ([n, H, W] or [n, H, W, 1]): the mean of the
 * observed distribution (for {@link GaborRingModel}, tanh of the decoder's output, without the pixel noise) at drawn
 * or given latents, computed in the model's workspace in batches of at most {@value #BATCH}, as FLOAT64 on the host.
 */
public final class MeanImages {
    /** The largest number of images drawn by one call of a compiled function. */
    static final int BATCH = 500;

    private MeanImages() {
    }

    /**
     * Row-major images laid one after another, with the latent angle each was drawn at where the model has an
     * {@value GaborRingModel#ANGLE} site.
     *
     * @param height H
     * @param width W
     * @param images count × H × W values
     * @param angles the latent angle of each image, if the model has that site
     */
    public record Draws(int height, int width, double[] images, Optional<double[]> angles) {
        /** The number of images. */
        public int count() {
            return images.length / (height * width);
        }

        /** The structure-tensor orientation of each image, in [0, π). */
        public double[] orientations() {
            return StructureTensor.orientations(images, count(), height, width);
        }
    }

    /**
     * The mean images at {@code count} joint draws of the model; draw k of batch b uses the seed
     * {@code seeds.statelessSeed(b)}, so the draws are a pure function of the stream.
     *
     * @throws IncompatibleModelException if the observed site is not a grayscale image of at least 5×5 pixels or its
     *     distribution has no mean
     */
    public static Draws sample(Workspace workspace, GenerativeModel model, Parameters parameters, int count,
            SeedStream seeds) {
        int b = Math.min(BATCH, count);
        CompiledFunction f = workspace.compile("mean-images/" + id(model) + "/" + parameters.prefix() + "sample" + b,
                List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    TraceResult r = Traces.sample(model, ops, parameters, b, in.get(0));
                    List<Tensor> out = new ArrayList<>();
                    out.add(mean(r.observed()).cast(DType.FLOAT64));
                    Site angle = r.sites().get(GaborRingModel.ANGLE);
                    if (angle != null && !angle.isObserved() && angle.value().shape().rank() == 1) {
                        out.add(angle.value().cast(DType.FLOAT64));
                    }
                    return out;
                });
        int[] hw = geometry(f.outputs().get(0).shape());
        boolean angles = f.outputs().size() > 1;
        int pixels = hw[0] * hw[1];
        double[] images = new double[count * pixels];
        double[] drawnAngles = new double[count];
        for (int k = 0; (long) k * b < count; k++) {
            List<DeviceArray> out = f.call(seeds.statelessSeed(k));
            try {
                int taken = Math.min(b, count - k * b);
                System.arraycopy(out.get(0).toHost().doubles(), 0, images, k * b * pixels, taken * pixels);
                if (angles) {
                    System.arraycopy(out.get(1).toHost().doubles(), 0, drawnAngles, k * b, taken);
                }
            } finally {
                out.forEach(DeviceArray::close);
            }
        }
        return new Draws(hw[0], hw[1], images, angles ? Optional.of(drawnAngles) : Optional.empty());
    }

    /** The mean images of a {@link GaborRingModel} at the given angles. */
    public static Draws decode(Workspace workspace, GaborRingModel model, Parameters parameters, double[] angles) {
        int n = angles.length;
        CompiledFunction f = workspace.compile("mean-images/" + id(model) + "/" + parameters.prefix() + "decode" + n,
                List.of(TensorSpec.of(DType.FLOAT64, n), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Tensor angle = in.get(0).cast(ops.floatType());
                    TraceResult r = Traces.run(model, ops, parameters, n, Map.of(GaborRingModel.ANGLE, angle),
                            in.get(1));
                    return List.of(mean(r.observed()).cast(DType.FLOAT64));
                });
        int[] hw = geometry(f.outputs().get(0).shape());
        List<DeviceArray> out = f.call(HostArray.of(Shape.of(n), angles.clone()),
                SeedStream.root(0).statelessSeed(0));
        try {
            return new Draws(hw[0], hw[1], out.get(0).toHost().doubles(), Optional.of(angles.clone()));
        } finally {
            out.forEach(DeviceArray::close);
        }
    }

    private static Tensor mean(Site observed) {
        try {
            return observed.distribution().mean();
        } catch (UnsupportedOperationException e) {
            throw new IncompatibleModelException("mean images need the mean of the model's observed site '"
                    + observed.name() + "', but its " + observed.distribution().name() + " has none");
        }
    }

    /** {H, W} of a batch of grayscale images [n, H, W] or [n, H, W, 1]. */
    private static int[] geometry(Shape batch) {
        long[] d = batch.dims();
        boolean image = (d.length == 3 || (d.length == 4 && d[3] == 1)) && d[1] >= 5 && d[2] >= 5;
        if (!image) {
            throw new IncompatibleModelException("orientations are measured on grayscale images [H, W] or [H, W, 1] "
                    + "of at least 5x5 pixels, but the model's observed site has shape " + batch.tail(1)
                    + " per draw");
        }
        return new int[] {Math.toIntExact(d[1]), Math.toIntExact(d[2])};
    }

    private static String id(GenerativeModel model) {
        return Integer.toHexString(System.identityHashCode(model));
    }
}
