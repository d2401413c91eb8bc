package org.alws.core.kernel;

import org.alws.api.contract.KernelContract;
import org.alws.api.regress.Kernel;

/** The published {@link KernelContract} on the homogeneous polynomial kernel ⟨x, y⟩²/σ⁴ (offset 0, degree 2). */
class HomogeneousQuadraticKernelContractTest extends KernelContract {

    @Override
    protected Kernel kernel() {
        return new PolynomialKernel(new PolynomialKernelOptions(2, 0.0));
    }

    @Override
    protected boolean stationary() {
        return false;
    }

    @Override
    protected boolean decreasesWithDistance() {
        return false;
    }
}
