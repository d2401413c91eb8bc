package org.alws.models.image;

import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/** The published {@link ModelContract} run on a small MLP decoder with the Bernoulli likelihood (ReLU). */
class MlpDecoderModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new MlpDecoderModelProvider().create(new MlpDecoderModelProvider.Options(3, 5, 1, Activation.RELU, 6,
                Likelihood.BERNOULLI, 0.0));
    }
}
