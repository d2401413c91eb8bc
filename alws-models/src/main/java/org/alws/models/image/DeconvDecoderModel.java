package org.alws.models.image;

import java.util.List;
import java.util.Objects;
import org.alws.api.config.Check;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Normal;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Padding;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The deconvolutional decoder of the ALWS paper's image experiments: z ~ N(0, I_k), seen as a 1×1 image of k
 * channels, then four transposed convolutions with 4×4 filters and no biases (the DCGAN layout of the reference
 * implementation), ReLU between them, to one 32×32 image (NHWC):
 *
 * <pre>{@code
 * Tensor z = t.sample("z", Normal.of(zeros[n, k], 1.0));                          // [n, k]
 * Tensor h = z.reshape(n, 1, 1, k);
 * h = relu(convT(h, t.param("decoder/w0", [4, 4, c0, k]),   stride 1, VALID));   // [n,  4,  4, c0]
 * h = relu(convT(h, t.param("decoder/w1", [4, 4, c1, c0]),  stride 2, SAME));    // [n,  8,  8, c1]
 * h = relu(convT(h, t.param("decoder/w2", [4, 4, c2, c1]),  stride 2, SAME));    // [n, 16, 16, c2]
 * Tensor out = convT(h, t.param("decoder/w3", [4, 4, 1, c2]), stride 2, SAME);  // [n, 32, 32, 1]
 * t.observe("x", Bernoulli.ofLogits(out));                                         // likelihood = bernoulli
 * t.observe("x", Normal.of(tanh(out), t.param("logSigma", scalar).exp()));        // likelihood = gaussian
 * }</pre>
 *
 * <p>The channels (c0, c1, c2) are 256, 128, 64 in the paper; smaller ones suit CPU runs. A stride-2 SAME transposed
 * convolution with a 4×4 filter doubles the size and pads one pixel on each side, as PyTorch's
 * {@code ConvTranspose2d(4, 2, 1)} of the reference. Filters start with Glorot-uniform draws (a pure function of the
 * run's seed and the parameter's name). With the Gaussian likelihood the mean is squashed into (−1, 1) by tanh
 * (unless {@code tanhMean} is off), as in the reference for images scaled to [−1, 1], and all pixels share one
 * learnable log σ; with the Bernoulli likelihood the output is the pixels' logits. Both likelihoods are exponential
 * families, so ALWS takes its exponential-family path; z is reparameterised, so the VAE family applies too.
 */
public final class DeconvDecoderModel implements GenerativeModel {
    /** The latent site, [n, k]. */
    public static final String LATENT = "z";
    /** The observed site, [n, 32, 32, 1]. */
    public static final String OBSERVED = "x";
    /** The Gaussian likelihood's log standard deviation (scalar); absent with the Bernoulli likelihood. */
    public static final String LOG_SIGMA = "logSigma";
    /** The height and width of the generated images. */
    public static final int IMAGE_SIZE = 32;
    /** The filters' height and width. */
    static final int FILTER = 4;
    /** How many hidden channel counts the decoder has (the outputs of its first three layers). */
    public static final int HIDDEN_LAYERS = 3;

    private final int latent;
    private final List<Integer> channels;
    private final Likelihood likelihood;
    private final double initialLogSigma;
    private final boolean tanhMean;

    /**
     * @param latent k, the latent dimension (&gt;= 1)
     * @param channels the output channels of the first three layers (each &gt;= 1)
     * @param likelihood how the decoder's output scores the pixels
     * @param initialLogSigma the initial log σ of the Gaussian likelihood (unused by the Bernoulli one)
     * @param tanhMean whether the Gaussian likelihood's mean is tanh of the output (unused by the Bernoulli one)
     * @throws org.alws.api.ConfigException naming the argument that is out of range
     */
    public DeconvDecoderModel(int latent, List<Integer> channels, Likelihood likelihood, double initialLogSigma,
            boolean tanhMean) {
        this.latent = Check.atLeast("latent", latent, 1);
        this.channels = checkChannels(channels);
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
        this.initialLogSigma = Check.finite("initialLogSigma", initialLogSigma);
        this.tanhMean = tanhMean;
    }

    /**
     * {@code channels} if it holds exactly {@value #HIDDEN_LAYERS} counts, each &gt;= 1.
     *
     * @throws org.alws.api.ConfigException naming {@code channels} otherwise
     */
    static List<Integer> checkChannels(List<Integer> channels) {
        if (channels == null || channels.size() != HIDDEN_LAYERS || channels.stream().anyMatch(c -> c == null
                || c < 1)) {
            throw new org.alws.api.ConfigException("channels", channels, HIDDEN_LAYERS
                    + " channel counts >= 1 (the outputs of the 4x4, 8x8 and 16x16 layers), e.g. [256, 128, 64]");
        }
        return List.copyOf(channels);
    }

    /** k. */
    public int latent() {
        return latent;
    }

    /** The output channels of the first three layers. */
    public List<Integer> channels() {
        return channels;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    /** Whether the Gaussian mean is tanh of the decoder's output. */
    public boolean tanhMean() {
        return tanhMean;
    }

    /** The observed event shape, [32, 32, 1]. */
    public static Shape imageShape() {
        return Shape.of(IMAGE_SIZE, IMAGE_SIZE, 1);
    }

    @Override
    public void run(Trace t) {
        int n = t.batchSize();
        Tensor z = t.sample(LATENT, Normal.of(t.ops().zeros(Shape.of(n, latent)), 1.0));
        Tensor h = z.reshape(n, 1, 1, latent);
        h = transposed(t, h, 0, channels.get(0), 1, Padding.VALID).relu();
        h = transposed(t, h, 1, channels.get(1), 2, Padding.SAME).relu();
        h = transposed(t, h, 2, channels.get(2), 2, Padding.SAME).relu();
        Tensor out = transposed(t, h, 3, 1, 2, Padding.SAME);
        if (likelihood == Likelihood.BERNOULLI) {
            t.observe(OBSERVED, Bernoulli.ofLogits(out));
        } else {
            Tensor logSigma = t.param(LOG_SIGMA, Shape.scalar(), Initializer.constant(initialLogSigma));
            t.observe(OBSERVED, Normal.of(tanhMean ? out.tanh() : out, logSigma.exp()));
        }
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

    @Override
    public String toString() {
        return "deconv-decoder(k=" + latent + ", channels=" + channels + ", " + likelihood.name().toLowerCase(
                java.util.Locale.ROOT) + (likelihood == Likelihood.GAUSSIAN && !tanhMean ? ", linear mean" : "")
                + ")";
    }
}
