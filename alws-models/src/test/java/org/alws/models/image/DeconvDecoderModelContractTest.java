package org.alws.models.image;

import java.util.List;
import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/**
 * The published {@link ModelContract} run on a narrow deconvolutional decoder with the Gaussian likelihood (tanh
 * mean); its finite-difference check covers every element of every filter and log σ.
 */
class DeconvDecoderModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new DeconvDecoderModelProvider().create(new DeconvDecoderModelProvider.Options(2, List.of(2, 2, 2),
                Likelihood.GAUSSIAN, -0.5, true));
    }

    @Override
    protected int batchSize() {
        return 4;
    }

    @Override
    protected int gradientCheckElements() {
        return Integer.MAX_VALUE;
    }
}
