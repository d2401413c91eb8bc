package org.alws.models.mixture;

import org.alws.api.contract.ExactLikelihoodContract;
import org.alws.api.model.GenerativeModel;

/**
 * The published {@link ExactLikelihoodContract} run on the default Gaussian mixture (K = 5, D = 2, seeded initial means); its
 * exact log-likelihood is checked against the contract's Monte Carlo estimate from 20,000 prior draws.
 */
class GaussianMixtureModelContractTest extends ExactLikelihoodContract {

    @Override
    protected GenerativeModel model() {
        GaussianMixtureModelProvider provider = new GaussianMixtureModelProvider();
        return provider.create(provider.defaultOptions());
    }
}
