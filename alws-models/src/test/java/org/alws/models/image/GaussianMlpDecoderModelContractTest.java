package org.alws.models.image;

import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/** The published {@link ModelContract} run on a small two-layer MLP decoder with the Gaussian likelihood (tanh). */
class GaussianMlpDecoderModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new MlpDecoderModelProvider().create(new MlpDecoderModelProvider.Options(2, 4, 2, Activation.TANH, 5,
                Likelihood.GAUSSIAN, -0.5));
    }
}
