package org.alws.core.kernel;

import org.alws.api.contract.KernelContract;
import org.alws.api.regress.Kernel;

/**
 * The published {@link KernelContract} on {@code MaternKernel.laplace()}, including its multivariate Cauchy random
 * features.
 */
class LaplaceKernelContractTest extends KernelContract {

    @Override
    protected Kernel kernel() {
        return MaternKernel.laplace();
    }
}
