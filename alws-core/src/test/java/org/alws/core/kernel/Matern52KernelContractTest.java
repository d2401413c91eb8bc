package org.alws.core.kernel;

import org.alws.api.contract.KernelContract;
import org.alws.api.regress.Kernel;

/** The published {@link KernelContract} on {@code MaternKernel.matern52()}, including its Student-t random features. */
class Matern52KernelContractTest extends KernelContract {

    @Override
    protected Kernel kernel() {
        return MaternKernel.matern52();
    }
}
