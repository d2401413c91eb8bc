package org.alws.models.factor;

import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;

/** The published {@link ModelContract} run on a small matrix factorisation (k = 3 latents, D = 5 pixels). */
class MatrixFactorisationModelContractTest extends ModelContract {

    @Override
    protected GenerativeModel model() {
        return new MatrixFactorisationModelProvider().create(new MatrixFactorisationModelProvider.Options(3, 5, 0.9,
                0.3, 0.2, 0.8, 4));
    }
}
