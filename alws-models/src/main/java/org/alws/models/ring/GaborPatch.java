package org.alws.models.ring;

import org.alws.api.config.Check;

/**
 * A square Gabor patch: a cosine carrier under an elliptical Gaussian envelope, centred in the image.
 *
 * <p>Pixel (row i, column j) of an S×S image sits at u = −1 + 2j/(S−1) (left to right) and v = −1 + 2i/(S−1) (top to
 * bottom), so the image spans [−1, 1]² whatever its size. For an orientation θ, measured from the u axis towards the
 * v axis, the rotated coordinates are x' = u cos θ + v sin θ (across the stripes) and y' = −u sin θ + v cos θ (along
 * them), and the pixel's value is
 *
 * <pre>
 *   g(u, v) = exp(−(x'² + γ² y'²) / (2 s²)) · cos(2π x' / λ + φ)
 * </pre>
 *
 * with wavelength λ, envelope width s, aspect ratio γ (below 1: the envelope is longer along the stripes) and phase
 * φ. The carrier's wave vector points along θ, so θ and θ + π give the same patch when φ = 0: orientations live on
 * [0, π). Values lie in [−1, 1].
 *
 * @param size S, the image's height and width in pixels
 * @param wavelength λ, in the image's units (its width is 2)
 * @param envelopeWidth s, the Gaussian envelope's standard deviation across the stripes, in the image's units
 * @param aspectRatio γ, the envelope's width across the stripes over its length along them
 * @param phase φ, the carrier's phase at the centre, in radians
 */
public record GaborPatch(int size, double wavelength, double envelopeWidth, double aspectRatio, double phase) {

    /** Validates. */
    public GaborPatch {
        Check.atLeast("size", size, 2);
        Check.positive("wavelength", wavelength);
        Check.positive("envelopeWidth", envelopeWidth);
        Check.positive("aspectRatio", aspectRatio);
        Check.finite("phase", phase);
    }

    /** The image of orientation {@code theta} (radians), row-major, {@link #size()}² values. */
    public double[] render(double theta) {
        double[] out = new double[size * size];
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double twoVariance = 2 * envelopeWidth * envelopeWidth;
        double gamma2 = aspectRatio * aspectRatio;
        for (int i = 0; i < size; i++) {
            double v = coordinate(i);
            for (int j = 0; j < size; j++) {
                double u = coordinate(j);
                double across = u * c + v * s;
                double along = -u * s + v * c;
                double envelope = Math.exp(-(across * across + gamma2 * along * along) / twoVariance);
                out[i * size + j] = envelope * Math.cos(2 * Math.PI * across / wavelength + phase);
            }
        }
        return out;
    }

    /** The coordinate of pixel index {@code k} along either axis: −1 at the first pixel, 1 at the last. */
    public double coordinate(int k) {
        return -1.0 + 2.0 * k / (size - 1);
    }
}
