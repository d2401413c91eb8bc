package org.alws.models.ring;

import java.util.List;
import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/** The published {@link ModelContract} run on a narrow circle-prior decoder (channels 4 and 3). */
class GaborRingModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new GaborRingModel(List.of(4, 3), -0.5);
    }
}
