package org.alws.core.kernel;

import org.alws.api.contract.KernelContract;
import org.alws.api.regress.Kernel;

/** The published {@link KernelContract} run on the {@link GaussianKernel}. */
class GaussianKernelContractTest extends KernelContract {

    @Override
    protected Kernel kernel() {
        return new GaussianKernel();
    }
}
