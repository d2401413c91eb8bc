package org.alws.api;

/**
 * A learner (or regressor, or guide) that cannot handle a model, said before training starts, e.g. "learner vae
 * needs reparameterisable latents; site 'c' is Categorical; try rws, vimco or alws".
 */
public class IncompatibleModelException extends AlwsException {
    private static final long serialVersionUID = 1L;

    public IncompatibleModelException(String message) {
        super(message);
    }
}
