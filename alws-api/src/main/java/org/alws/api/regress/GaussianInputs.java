package org.alws.api.regress;

import java.util.Objects;
import org.alws.api.tensor.Tensor;

/**
 * Sleep inputs that are not drawn yet: x = mean + scale ⊙ ε with ε ~ N(0, I), the observations of a model with
 * Gaussian noise whose scale is the same for every sample. A regressor whose features are linear in x can draw the
 * features themselves (F random numbers a sample instead of D, and no D-wide noise); any other draws x with
 * {@link #draw}, which is what {@link Regressor#fit(GaussianInputs, RegressionContext)} does by default.
 *
 * @param mean [N, D], each sample's mean
 * @param scale [D], the standard deviation of each input, the same for every sample
 * @param seed INT64[2], the seed of the draw
 */
public record GaussianInputs(Tensor mean, Tensor scale, Tensor seed) {

    public GaussianInputs {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(seed, "seed");
        if (mean.shape().rank() != 2 || scale.shape().rank() != 1 || scale.dim(0) != mean.dim(1)) {
            throw new IllegalArgumentException("Gaussian inputs: mean " + mean.shape() + " and scale "
                    + scale.shape() + " must be [N, D] and [D]");
        }
        if (!mean.dtype().isFloating() || mean.dtype() != scale.dtype()) {
            throw new IllegalArgumentException("Gaussian inputs: mean and scale must be floating tensors of one type,"
                    + " got " + mean.dtype() + " and " + scale.dtype());
        }
    }

    /** N, the number of samples. */
    public long count() {
        return mean.dim(0);
    }

    /** D, the width of each input. */
    public long width() {
        return mean.dim(1);
    }

    /** x itself, [N, D]. */
    public Tensor draw() {
        return mean.add(mean.ops().randomNormal(mean.shape(), mean.dtype(), seed).mul(scale.reshape(1, width())));
    }

    /** The same draw with the mean and the scale held constant under differentiation. */
    public GaussianInputs stopGradient() {
        return new GaussianInputs(mean.stopGradient(), scale.stopGradient(), seed);
    }
}
