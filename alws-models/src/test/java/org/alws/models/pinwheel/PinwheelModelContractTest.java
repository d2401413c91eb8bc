package org.alws.models.pinwheel;

import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/** The published {@link ModelContract} run on a small pinwheel model (K = 3, H = 5). */
class PinwheelModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new PinwheelModel(3, 5, 0.5, 0.3, -1.0);
    }
}
