package org.alws.models.ring;

import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.dist.Normal;
import org.alws.api.dist.Uniform;
import org.alws.api.model.DrawsFigures;
import org.alws.api.model.FigureContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Padding;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * A latent on the unit circle decoded into a 16×16 image: the angle a ~ U(−π, π) is the latent site, z = (sin a,
 * cos a) is computed from it, and three transposed convolutions with 4×4 filters (NHWC) decode z, read as a 1×1 image
 * of two channels, into Gaussian pixels with a tanh mean and one learnable σ:
 *
 * <pre>{@code
 * Tensor a = t.sample("angle", Uniform.of(fill([n], -π), fill([n], π)));           // [n]
 * Tensor z = stack(-1, [sin(a), cos(a)]).reshape(n, 1, 1, 2);                        // [n, 1, 1, 2]
 * h = relu(convT(z, t.param("decoder/w0", [4, 4, c0, 2]), stride 1, VALID)
 *          + t.param("decoder/b0", [c0]));                                          // [n,  4,  4, c0]
 * h = relu(convT(h, t.param("decoder/w1", [4, 4, c1, c0]), stride 2, SAME));        // [n,  8,  8, c1]
 * Tensor out = convT(h, t.param("decoder/w2", [4, 4, 1, c1]), stride 2, SAME);      // [n, 16, 16, 1]
 * t.observe("x", Normal.of(tanh(out), t.param("logSigma", scalar).exp()));
 * }</pre>
 *
 * <p>This is the generator of the reference's circle-prior experiment (channels 256 and 128 there; fewer suit CPU
 * runs). Nothing in it is reparameterised for the circle: the prior has no parameters and the angle is sampled
 * directly, so a learner sees only ancestral samples and the log joint. Filters start at Glorot-uniform draws and the
 * bias at zero. The observation is an elementwise Normal, so ALWS takes its exponential-family path. When a run
 * ends the model draws {@value GaborRingFigure#FILE} ({@link GaborRingFigure}): its images around the circle, the
 * learned map from angle to orientation and the orientations' histogram, over {@value #FIGURE_SAMPLES} draws.
 */
public final class GaborRingModel implements GenerativeModel, DrawsFigures {
    /** The latent site: the angle on the circle, [n], in [−π, π). */
    public static final String ANGLE = "angle";
    /** The observed site, [n, 16, 16, 1]. */
    public static final String OBSERVED = "x";
    /** The pixels' log standard deviation (scalar). */
    public static final String LOG_SIGMA = "logSigma";
    /** The height and width of the images. */
    public static final int IMAGE_SIZE = 16;
    /** How many hidden channel counts the decoder has. */
    public static final int HIDDEN_LAYERS = 2;
    /** Joint draws whose orientations the figure shows. */
    public static final int FIGURE_SAMPLES = 1000;
    private static final int FILTER = 4;

    private final List<Integer> channels;
    private final double initialLogSigma;

    /**
     * @param channels the output channels of the 4×4 and 8×8 layers (two counts, each &gt;= 1)
     * @param initialLogSigma the initial log σ of the pixels
     * @throws ConfigException naming the argument that is out of range
     */
    public GaborRingModel(List<Integer> channels, double initialLogSigma) {
        this.channels = checkChannels(channels);
        this.initialLogSigma = Check.finite("initialLogSigma", initialLogSigma);
    }

    /**
     * {@code channels} if it holds exactly {@value #HIDDEN_LAYERS} counts, each &gt;= 1.
     *
     * @throws ConfigException naming {@code channels} otherwise
     */
    static List<Integer> checkChannels(List<Integer> channels) {
        if (channels == null || channels.size() != HIDDEN_LAYERS
                || channels.stream().anyMatch(c -> c == null || c < 1)) {
            throw new ConfigException("channels", channels, HIDDEN_LAYERS
                    + " channel counts >= 1 (the outputs of the 4x4 and 8x8 layers), e.g. [256, 128]");
        }
        return List.copyOf(channels);
    }

    /** The output channels of the 4×4 and 8×8 layers. */
    public List<Integer> channels() {
        return channels;
    }

    /** The observed event shape, [16, 16, 1]. */
    public static Shape imageShape() {
        return Shape.of(IMAGE_SIZE, IMAGE_SIZE, 1);
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        int n = t.batchSize();
        Tensor angle = t.sample(ANGLE, Uniform.of(ops.fill(Shape.of(n), -Math.PI), ops.fill(Shape.of(n), Math.PI)));
        t.observe(OBSERVED, Normal.of(decode(t, angle).tanh(),
                t.param(LOG_SIGMA, Shape.scalar(), Initializer.constant(initialLogSigma)).exp()));
    }

    /** The decoder's output before tanh at the given angles ([n]): [n, 16, 16, 1]. */
    private Tensor decode(Trace t, Tensor angle) {
        int n = t.batchSize();
        Tensor z = t.ops().stack(-1, List.of(angle.sin(), angle.cos())).reshape(n, 1, 1, 2);
        int c0 = channels.get(0);
        Tensor h = transposed(t, z, 0, c0, 1, Padding.VALID)
                .add(t.param("decoder/b0", Shape.of(c0), Initializer.zeros())).relu();
        h = transposed(t, h, 1, channels.get(1), 2, Padding.SAME).relu();
        return transposed(t, h, 2, 1, 2, Padding.SAME);
    }

    /**
     * A 4×4 transposed convolution of {@code h} [n, s, s, in] to {@code out} channels with the filter
     * {@code decoder/w<layer>} [4, 4, out, in]: size 4 from 1×1 (stride 1, VALID), else doubled (stride 2, SAME).
     */
    private static Tensor transposed(Trace t, Tensor h, int layer, int out, int stride, Padding padding) {
        long in = h.dim(3);
        long size = padding == Padding.VALID ? (h.dim(1) - 1) * stride + FILTER : h.dim(1) * stride;
        Tensor w = t.param("decoder/w" + layer, Shape.of(FILTER, FILTER, out, in), Initializer.glorotUniform());
        return t.ops().conv2dTranspose(h, w, Shape.of(h.dim(0), size, size, out), stride, stride, padding);
    }

    /** Writes {@value GaborRingFigure#FILE} into the run's plots directory. */
    @Override
    public void drawFigures(FigureContext context) {
        GaborRingFigure.write(context.directory(), GaborRingFigure.content(context.workspace(), this,
                context.parameters(), FIGURE_SAMPLES, context.seeds()));
    }

    @Override
    public String toString() {
        return "gabor-ring(channels=" + channels + ")";
    }
}
