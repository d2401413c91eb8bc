package org.alws.models.image;

import java.util.Objects;
import org.alws.api.config.Check;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Normal;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A deep latent Gaussian model of flattened images: z ~ N(0, I_k), then a decoder MLP k → hidden → … → D whose
 * output is either the logits of independent Bernoulli pixels or the mean of independent Normal pixels with one
 * learnable scalar log σ. The program:
 *
 * <pre>{@code
 * Tensor z = t.sample("z", Normal.of(zeros[n, k], 1.0));                                      // [n, k]
 * Tensor h = z;
 * for (int i = 0; i < layers; i++) {                                                          // hidden layers
 *     h = activation(h.matmul(t.param("decoder/w" + i, [.., hidden], glorot)) + t.param("decoder/b" + i, zeros));
 * }
 * Tensor out = h.matmul(t.param("decoder/wOut", [.., D], glorot)) + t.param("decoder/bOut", zeros);  // [n, D]
 * t.observe("x", Bernoulli.ofLogits(out));                               // likelihood = bernoulli
 * t.observe("x", Normal.of(out, t.param("logSigma", scalar, initialLogSigma).exp()));  // likelihood = gaussian
 * }</pre>
 *
 * <p>Weights start with Glorot-uniform draws (a pure function of the run's seed and the parameter's name), biases
 * at zero. The latent is reparameterised, so the model suits the VAE family as well as ALWS and the wake-sleep
 * learners; with the Bernoulli likelihood the observed site is an exponential family, so ALWS takes its
 * exponential-family path.
 */
public final class MlpDecoderModel implements GenerativeModel {
    /** The latent site, [n, k]. */
    public static final String LATENT = "z";
    /** The observed site, [n, D]. */
    public static final String OBSERVED = "x";
    /** The Gaussian likelihood's log standard deviation (scalar); absent with the Bernoulli likelihood. */
    public static final String LOG_SIGMA = "logSigma";

    private final int latent;
    private final int hidden;
    private final int layers;
    private final int pixels;
    private final Activation activation;
    private final Likelihood likelihood;
    private final double initialLogSigma;

    /**
     * @param latent k, the latent dimension (&gt;= 1)
     * @param hidden units per hidden layer (&gt;= 1)
     * @param layers hidden layers (&gt;= 0; 0 makes the decoder linear)
     * @param pixels D, the number of pixels (&gt;= 1)
     * @param activation the hidden layers' nonlinearity
     * @param likelihood how the decoder's output scores the pixels
     * @param initialLogSigma the initial log σ of the Gaussian likelihood (unused by the Bernoulli one)
     * @throws org.alws.api.ConfigException naming the argument that is out of range
     */
    public MlpDecoderModel(int latent, int hidden, int layers, int pixels, Activation activation,
            Likelihood likelihood, double initialLogSigma) {
        this.latent = Check.atLeast("latent", latent, 1);
        this.hidden = Check.atLeast("hidden", hidden, 1);
        this.layers = Check.atLeast("layers", layers, 0);
        this.pixels = Check.atLeast("pixels", pixels, 1);
        this.activation = Objects.requireNonNull(activation, "activation");
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
        this.initialLogSigma = Check.finite("initialLogSigma", initialLogSigma);
    }

    /** k. */
    public int latent() {
        return latent;
    }

    /** Units per hidden layer. */
    public int hidden() {
        return hidden;
    }

    /** Number of hidden layers. */
    public int layers() {
        return layers;
    }

    /** D. */
    public int pixels() {
        return pixels;
    }

    public Activation activation() {
        return activation;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public void run(Trace t) {
        int n = t.batchSize();
        Tensor z = t.sample(LATENT, Normal.of(t.ops().zeros(Shape.of(n, latent)), 1.0));
        Tensor h = z;
        for (int i = 0; i < layers; i++) {
            h = activation.apply(dense(t, h, Integer.toString(i), hidden));
        }
        Tensor out = dense(t, h, "Out", pixels);
        if (likelihood == Likelihood.BERNOULLI) {
            t.observe(OBSERVED, Bernoulli.ofLogits(out));
        } else {
            Tensor logSigma = t.param(LOG_SIGMA, Shape.scalar(), Initializer.constant(initialLogSigma));
            t.observe(OBSERVED, Normal.of(out, logSigma.exp()));
        }
    }

    /** h W + b with parameters {@code decoder/w<suffix>} (Glorot uniform) and {@code decoder/b<suffix>} (zeros). */
    private static Tensor dense(Trace t, Tensor h, String suffix, int units) {
        Tensor w = t.param("decoder/w" + suffix, Shape.of(h.dim(1), units), Initializer.glorotUniform());
        Tensor b = t.param("decoder/b" + suffix, Shape.of(units), Initializer.zeros());
        return h.matmul(w).add(b);
    }

    @Override
    public String toString() {
        return "mlp-decoder(k=" + latent + ", " + layers + "x" + hidden + " " + activation.name().toLowerCase(
                java.util.Locale.ROOT) + ", D=" + pixels + ", " + likelihood.name().toLowerCase(java.util.Locale.ROOT)
                + ")";
    }
}
