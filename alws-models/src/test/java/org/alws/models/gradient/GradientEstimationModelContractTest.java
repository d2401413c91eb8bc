package org.alws.models.gradient;

import org.alws.api.contract.ExactLikelihoodContract;
import org.alws.api.model.GenerativeModel;

/**
 * The published {@link ExactLikelihoodContract} run on the gradient-estimation model at σ_x = 0.5 and b = (1, 0.5), the
 * experiment's data-generating setting; its quadrature likelihood is checked against the contract's Monte Carlo
 * estimate from 20,000 prior draws.
 */
class GradientEstimationModelContractTest extends ExactLikelihoodContract {

    @Override
    protected GenerativeModel model() {
        return new GradientEstimationModel(0.5, new double[] {1.0, 0.5});
    }
}
