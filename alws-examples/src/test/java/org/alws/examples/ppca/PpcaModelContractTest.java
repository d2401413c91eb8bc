package org.alws.examples.ppca;

import org.alws.api.contract.ExactLikelihoodContract;
import org.alws.api.model.GenerativeModel;

/**
 * The published {@link ExactLikelihoodContract} run on probabilistic PCA with D = 4, k = 2 and initial log σ = −0.5; its
 * closed-form likelihood is checked against the contract's Monte Carlo estimate from 20,000 prior draws.
 */
class PpcaModelContractTest extends ExactLikelihoodContract {

    @Override
    protected GenerativeModel model() {
        return new PpcaModel(4, 2, -0.5);
    }
}
