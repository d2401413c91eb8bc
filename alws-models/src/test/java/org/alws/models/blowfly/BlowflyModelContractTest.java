package org.alws.models.blowfly;

import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/**
 * The published {@link ModelContract} on a short blowfly model (T = 30, delays up to 4, a window of 6), at
 * parameters away from the defaults so that every term of the log joint matters: sampling agrees with scoring,
 * draws are a pure function of the seed and the log joint's gradient matches finite differences for every parameter.
 */
class BlowflyModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new BlowflyModel(new BlowflyModelProvider.Options(30, 4, 6, 2.5, 0.7, 0.4, 0.6, 0.8, 0.3, 0.4));
    }
}
