package org.alws.models.factor;

import org.alws.api.dist.LogitNormal;
import org.alws.api.model.Guide;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * The recognition model of {@link MatrixFactorisationModel}: one hidden layer of tanh units on the image, then a
 * logit-normal per latent, z_i ~ LogitNormal(loc_i, softplus(ρ_i) + 10⁻⁵), mean field. The model is linear in
 * logit(z), so a Gaussian in logit space is the natural family, and it is reparameterised (z = sigmoid(loc +
 * scale·ε)), which the VAE family needs. Parameters: {@code encoder/w}, {@code encoder/b} (hidden layer, Glorot and
 * zeros), {@code encoder/loc/w}, {@code encoder/loc/b} (bias 0: the proposal starts centred at z = 1/2) and
 * {@code encoder/scale/w}, {@code encoder/scale/b} (bias softplus⁻¹(1): the logit's scale starts near 1).
 */
public final class MatrixFactorisationGuide implements Guide {
    /** softplus⁻¹(1). */
    private static final double SOFTPLUS_INV_ONE = Math.log(Math.E - 1);
    /** Added to every scale so that it never reaches 0. */
    private static final double SCALE_FLOOR = 1e-5;

    private final int latent;
    private final int hidden;

    /**
     * @param latent k, the model's number of latents
     * @param hidden units of the hidden layer
     */
    public MatrixFactorisationGuide(int latent, int hidden) {
        this.latent = latent;
        this.hidden = hidden;
    }

    @Override
    public void run(Trace t, Tensor data) {
        Tensor x = data.cast(t.ops().floatType());
        x = x.shape().rank() == 2 ? x : x.flattenTrailing();
        Tensor h = dense(t, x, "encoder/", hidden, 0.0).tanh();
        Tensor loc = dense(t, h, "encoder/loc/", latent, 0.0);
        Tensor scale = dense(t, h, "encoder/scale/", latent, SOFTPLUS_INV_ONE).softplus().add(SCALE_FLOOR);
        t.sample(MatrixFactorisationModel.LATENT, LogitNormal.of(loc, scale));
    }

    private static Tensor dense(Trace t, Tensor in, String prefix, int units, double bias) {
        Tensor w = t.param(prefix + "w", Shape.of(in.dim(1), units), Initializer.glorotUniform());
        Tensor b = t.param(prefix + "b", Shape.of(units), Initializer.constant(bias));
        return in.matmul(w).add(b);
    }

    @Override
    public String toString() {
        return "logit-normal guide (1x" + hidden + " tanh)";
    }
}
