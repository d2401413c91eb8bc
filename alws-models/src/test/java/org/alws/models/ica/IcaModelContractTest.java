package org.alws.models.ica;

import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/** The published {@link ModelContract} on a small ICA model (k = 3 sources in D = 5 dimensions). */
class IcaModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new IcaModel(new IcaModelProvider.Options(3, 5, 0.5, 0.8));
    }
}
