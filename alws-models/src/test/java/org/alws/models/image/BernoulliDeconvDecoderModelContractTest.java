package org.alws.models.image;

import java.util.List;
import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/** The published {@link ModelContract} run on a narrow deconvolutional decoder with the Bernoulli likelihood. */
class BernoulliDeconvDecoderModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new DeconvDecoderModelProvider().create(new DeconvDecoderModelProvider.Options(3, List.of(3, 2, 2),
                Likelihood.BERNOULLI, 0.0, true));
    }

    @Override
    protected int batchSize() {
        return 4;
    }
}
