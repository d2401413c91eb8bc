package org.alws.core.kernel;

import org.alws.api.contract.KernelContract;
import org.alws.api.regress.Kernel;

/**
 * The published {@link KernelContract} run on the default polynomial kernel (1 + ⟨x, y⟩/σ²)³: not stationary, not
 * monotone in the distance, no spectral frequencies. Its Gram matrix of 25 points in R³ has rank at most C(6, 3) = 20,
 * so the positive semi-definiteness check meets exact zero eigenvalues up to round-off.
 */
class PolynomialKernelContractTest extends KernelContract {

    @Override
    protected Kernel kernel() {
        return new PolynomialKernel(PolynomialKernelOptions.defaults());
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
