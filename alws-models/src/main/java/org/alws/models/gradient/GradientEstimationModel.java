package org.alws.models.gradient;

import java.util.Map;
import org.alws.api.config.Check;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The gradient-estimation model of the ALWS paper: z ~ N(0, I₂), x | z ~ N(softplus(b·z) − ‖b‖², σ_x²), with the
 * learnable parameter {@code b} (shape [2]) and a fixed σ_x. The observation is Normal, so ALWS takes its
 * exponential-family path.
 *
 * <pre>{@code
 * Tensor b = t.param("b", Shape.of(2), Initializer.values(initialB));
 * Tensor z = t.sample("z", Normal.of(ops.zeros(Shape.of(n, 2)), 1.0));          // [n, 2]
 * Tensor mean = z.matmul(b.reshape(2, 1)).softplus().sub(b.square().sum());      // [n, 1]
 * t.observe("x", Normal.of(mean, sigmaX));                                       // [n, 1]
 * }</pre>
 *
 * <p>Exact log p(x) and ∇_b log p(x) come from {@link GradientEstimationMarginal} (quadrature accurate to about
 * 1e-13), for data of shape [M, 1].
 */
public final class GradientEstimationModel implements GenerativeModel, ExactLikelihood, ExactScore {
    /** The parameter's local name. */
    public static final String B = "b";
    /** The latent site. */
    public static final String LATENT = "z";
    /** The observed site. */
    public static final String OBSERVED = "x";

    private final double sigmaX;
    private final double[] initialB;

    /**
     * @param sigmaX the fixed observation noise standard deviation (&gt; 0)
     * @param initialB the initial value of b (2 finite numbers)
     */
    public GradientEstimationModel(double sigmaX, double[] initialB) {
        this.sigmaX = Check.positive("sigmaX", sigmaX);
        this.initialB = Check.finiteVector("initialB", initialB, 2);
    }

    /** σ_x. */
    public double sigmaX() {
        return sigmaX;
    }

    /** The initial value of b. */
    public double[] initialB() {
        return initialB.clone();
    }

    @Override
    public void run(Trace t) {
        TensorOps ops = t.ops();
        int n = t.batchSize();
        Tensor b = t.param(B, Shape.of(2), Initializer.values(initialB));
        Tensor z = t.sample(LATENT, Normal.of(ops.zeros(Shape.of(n, 2)), 1.0));
        Tensor mean = z.matmul(b.reshape(2, 1)).softplus().sub(b.square().sum());
        t.observe(OBSERVED, Normal.of(mean, sigmaX));
    }

    /** The exact marginal at the given parameter values. */
    public GradientEstimationMarginal marginal(Map<String, HostArray> parameters) {
        HostArray b = parameters.get(B);
        if (b == null) {
            throw new IllegalArgumentException("parameters: no '" + B + "' among " + parameters.keySet());
        }
        if (b.size() != 2) {
            throw new IllegalArgumentException(
                    "parameter '" + B + "': got shape " + b.shape() + ", expected [2]");
        }
        return new GradientEstimationMarginal(b.doubles().clone(), sigmaX);
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> parameters) {
        double[] x = observations(data);
        GradientEstimationMarginal m = marginal(parameters);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = m.logDensity(x[i]);
        }
        return out;
    }

    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> parameters) {
        double[] x = observations(data);
        GradientEstimationMarginal m = marginal(parameters);
        double[] out = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            double[] g = m.score(x[i]);
            out[2 * i] = g[0];
            out[2 * i + 1] = g[1];
        }
        return Map.of(B, HostArray.of(Shape.of(x.length, 2), out));
    }

    /** The scalar observations of data of shape [M, 1] (or [M]). */
    private static double[] observations(HostArray data) {
        Shape s = data.shape();
        boolean ok = (s.rank() == 2 && s.dim(1) == 1) || s.rank() == 1;
        if (!ok || !data.dtype().isFloating()) {
            throw new IllegalArgumentException("data: got " + data.dtype() + s + ", expected a floating array of "
                    + "shape [M, 1]");
        }
        return data.doubles();
    }
}
