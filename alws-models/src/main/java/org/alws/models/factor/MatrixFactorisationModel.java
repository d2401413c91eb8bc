package org.alws.models.factor;

import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.DataException;
import org.alws.api.config.Check;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Uniform;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Guide;
import org.alws.api.model.InitialisesFromData;
import org.alws.api.model.Initializer;
import org.alws.api.model.ProvidesGuide;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Non-negative matrix factorisation of binary data with uniform latents: k latents z_i ~ U(0, 1), then D independent
 * pixels x_d ~ Bernoulli(sigmoid(Σ_i w_id logit(z_i) + b_d)) with non-negative weights W = exp(V). The program:
 *
 * <pre>{@code
 * Tensor v = t.param("logW", Shape.of(k, D), log of U(initialWeightLow, initialWeightHigh) draws);   // V = log W
 * Tensor b = t.param("b", Shape.of(D), Initializer.zeros());
 * Tensor z = t.sample("z", Uniform.of(zeros[n, k], ones[n, k]));                                    // [n, k]
 * t.observe("x", Bernoulli.ofLogits(logit(clip(z, 1e-7, 1 - 1e-7)).matmul(v.exp()).add(b)));       // [n, D]
 * t.factor("weightPrior", Σ log Gamma(exp(V); priorShape, priorRate));
 * }</pre>
 *
 * <p><b>The prior on W is a MAP penalty, not a latent.</b> Every w_id gets the Gamma(priorShape, priorRate)
 * log-density, summed, as a {@linkplain Trace#factor factor}: learners add it once per data set (divided by the
 * number of training examples per data point), so W is a maximum a posteriori estimate under the Gamma prior, in W's
 * own coordinates (the penalty is the density of W, without the Jacobian of W = exp(V)); it is written in V as
 * Σ [a log β + (a − 1) V − β exp(V) − log Γ(a)], which stays finite when exp(V) underflows. The defaults
 * (shape 0.9, rate 0.3) are those of the paper's experiment; with a shape below 1 the density grows without bound
 * as w → 0, so unused weights drift towards 0.
 *
 * <p>The biases start at logit of each pixel's mean over the training examples (clipped to [10⁻³, 1 − 10⁻³]) when a
 * training run {@linkplain InitialisesFromData initialises from data}: with small initial weights E[x_d] ≈
 * sigmoid(b_d), so training starts at the right pixel means instead of spending its first thousands of steps on them.
 *
 * <p>The observation is an elementwise Bernoulli, an exponential family, so ALWS takes its exponential-family path.
 * The uniform prior's support is a bounded interval, for which the baselines' default guide has no head: the model
 * {@linkplain ProvidesGuide provides its own} reparameterised guide ({@link MatrixFactorisationGuide}, a logit-normal
 * per latent from an MLP on the image), so vae, iwae, rws and the other guide-based learners train it too (and the
 * learners' {@code guide*} options do not apply to it).
 */
public final class MatrixFactorisationModel implements GenerativeModel, ProvidesGuide, InitialisesFromData {
    /** The latent site, [n, k], in (0, 1). */
    public static final String LATENT = "z";
    /** The observed site, [n, D], in {0, 1}. */
    public static final String OBSERVED = "x";
    /** The log-weights V = log W, [k, D]. */
    public static final String LOG_WEIGHTS = "logW";
    /** The biases, [D]. */
    public static final String BIAS = "b";
    /** The factor holding the Gamma prior of W. */
    public static final String WEIGHT_PRIOR = "weightPrior";
    /**
     * z is clipped to [Z_CLIP, 1 − Z_CLIP] before its logit is taken: a float32 uniform draw can be exactly 0, whose
     * logit is −∞.
     */
    static final double Z_CLIP = 1e-7;
    /** Pixel means are clipped to [MEAN_CLIP, 1 − MEAN_CLIP] before their logit initialises the biases. */
    static final double MEAN_CLIP = 1e-3;

    private final int latent;
    private final int pixels;
    private final double priorShape;
    private final double priorRate;
    private final double initialWeightLow;
    private final double initialWeightHigh;
    private final MatrixFactorisationGuide guide;

    /**
     * @param latent k (&gt;= 1)
     * @param pixels D (&gt;= 1)
     * @param priorShape shape a of the Gamma prior on every weight (&gt; 0)
     * @param priorRate rate β of the Gamma prior on every weight (&gt; 0)
     * @param initialWeightLow lower end of the uniform draws of the initial weights (&gt; 0)
     * @param initialWeightHigh upper end of the uniform draws of the initial weights (&gt;= initialWeightLow)
     * @param guideHidden hidden tanh units of the guide's encoder (&gt;= 1)
     * @throws org.alws.api.ConfigException naming the argument that is out of range
     */
    public MatrixFactorisationModel(int latent, int pixels, double priorShape, double priorRate,
            double initialWeightLow, double initialWeightHigh, int guideHidden) {
        this.latent = Check.atLeast("latent", latent, 1);
        this.pixels = Check.atLeast("pixels", pixels, 1);
        this.priorShape = Check.positive("priorShape", priorShape);
        this.priorRate = Check.positive("priorRate", priorRate);
        this.initialWeightLow = Check.positive("initialWeightLow", initialWeightLow);
        this.initialWeightHigh = Check.positive("initialWeightHigh", initialWeightHigh);
        if (initialWeightHigh < initialWeightLow) {
            throw new org.alws.api.ConfigException("initialWeightHigh", initialWeightHigh,
                    "a number >= initialWeightLow (" + initialWeightLow + ")");
        }
        this.guide = new MatrixFactorisationGuide(latent, Check.atLeast("guideHidden", guideHidden, 1));
    }

    /** k. */
    public int latent() {
        return latent;
    }

    /** D. */
    public int pixels() {
        return pixels;
    }

    public double priorShape() {
        return priorShape;
    }

    public double priorRate() {
        return priorRate;
    }

    @Override
    public void run(Trace t) {
        int n = t.batchSize();
        Tensor v = t.param(LOG_WEIGHTS, Shape.of(latent, pixels), logUniform(initialWeightLow, initialWeightHigh));
        Tensor b = t.param(BIAS, Shape.of(pixels), Initializer.zeros());
        Shape latents = Shape.of(n, latent);
        Tensor z = t.sample(LATENT, Uniform.of(t.ops().zeros(latents), t.ops().ones(latents)));
        Tensor inside = z.clip(Z_CLIP, 1 - Z_CLIP);
        Tensor logitZ = inside.log().sub(inside.neg().log1p());
        t.observe(OBSERVED, Bernoulli.ofLogits(logitZ.matmul(v.exp()).add(b)));
        t.factor(WEIGHT_PRIOR, gammaLogDensity(t.ops(), v));
    }

    /** Σ log Gamma(exp(v); shape, rate), written in v. */
    private Tensor gammaLogDensity(TensorOps ops, Tensor v) {
        Tensor constant = ops.scalar(priorShape * Math.log(priorRate)).sub(ops.scalar(priorShape).lgamma());
        return v.mul(priorShape - 1).sub(v.exp().mul(priorRate)).add(constant).sum();
    }

    /** log of uniform draws on [low, high]. */
    private static Initializer logUniform(double low, double high) {
        return (shape, random) -> {
            double[] out = Initializer.uniform(low, high).values(shape, random);
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.log(out[i]);
            }
            return out;
        };
    }

    @Override
    public Guide guide() {
        return guide;
    }

    /**
     * The biases at logit of the examples' pixel means (clipped to [10⁻³, 1 − 10⁻³]).
     *
     * @throws DataException if the examples are not [M, D] or hold a value outside [0, 1]
     */
    @Override
    public Map<String, HostArray> initialValues(HostArray examples, Map<String, HostArray> current,
            SplittableRandom random) {
        if (examples.shape().rank() != 2 || examples.shape().dim(1) != pixels) {
            throw new DataException("matrix-factorisation: examples have shape " + examples.shape()
                    + "; expected [M, " + pixels + "]");
        }
        int m = Math.toIntExact(examples.shape().dim(0));
        double[] x = examples.doubles();
        double[] mean = new double[pixels];
        for (int i = 0; i < m; i++) {
            for (int d = 0; d < pixels; d++) {
                double value = x[i * pixels + d];
                if (!(value >= 0 && value <= 1)) {
                    throw new DataException("matrix-factorisation: example " + i + " has pixel " + d + " = " + value
                            + "; expected a value in [0, 1]");
                }
                mean[d] += value;
            }
        }
        double[] bias = new double[pixels];
        for (int d = 0; d < pixels; d++) {
            double p = Math.min(1 - MEAN_CLIP, Math.max(MEAN_CLIP, mean[d] / Math.max(1, m)));
            bias[d] = Math.log(p / (1 - p));
        }
        return Map.of(BIAS, HostArray.of(Shape.of(pixels), bias));
    }

    @Override
    public String toString() {
        return "matrix-factorisation(k=" + latent + ", D=" + pixels + ", Gamma(" + priorShape + ", " + priorRate
                + ") prior on W)";
    }
}
