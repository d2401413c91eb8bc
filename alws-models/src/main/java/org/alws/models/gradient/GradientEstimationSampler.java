package org.alws.models.gradient;

import java.util.SplittableRandom;
import org.alws.api.config.Check;

/**
 * Ancestral sampling of the gradient-estimation model on the host: z ~ N(0, I₂), then
 * x ~ N(softplus(b·z) − ‖b‖², σ_x²). Used to generate synthetic data; independent of any backend.
 */
public final class GradientEstimationSampler {
    private final double b1;
    private final double b2;
    private final double sigmaX;

    /** One joint draw: the latent z = (z1, z2) and the observation x. */
    public record Draw(double z1, double z2, double x) {
    }

    /**
     * @param b the parameter (2 finite numbers)
     * @param sigmaX the observation noise standard deviation (&gt; 0)
     */
    public GradientEstimationSampler(double[] b, double sigmaX) {
        double[] v = Check.finiteVector("b", b, 2);
        this.b1 = v[0];
        this.b2 = v[1];
        this.sigmaX = Check.positive("sigmaX", sigmaX);
    }

    /** The mean of x given z: softplus(b·z) − ‖b‖². */
    public double conditionalMean(double z1, double z2) {
        return Scalars.softplus(b1 * z1 + b2 * z2) - (b1 * b1 + b2 * b2);
    }

    /** One draw (z, x), consuming three standard normals from {@code random}. */
    public Draw draw(SplittableRandom random) {
        double z1 = random.nextGaussian();
        double z2 = random.nextGaussian();
        double x = conditionalMean(z1, z2) + sigmaX * random.nextGaussian();
        return new Draw(z1, z2, x);
    }

    /** {@code n} independent observations x (the latents are drawn and discarded). */
    public double[] observations(int n, SplittableRandom random) {
        Check.atLeast("n", n, 0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = draw(random).x();
        }
        return x;
    }
}
