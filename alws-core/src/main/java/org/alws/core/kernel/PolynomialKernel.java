package org.alws.core.kernel;

import org.alws.api.regress.Kernel;
import org.alws.api.tensor.Tensor;

/**
 * The polynomial kernel k(x, y) = (c + ⟨x, y⟩ / σ²)^p for a whole degree p ≥ 1 and an offset c ≥ 0: positive
 * semi-definite (a sum of products of linear kernels with non-negative coefficients), of rank at most C(D + p, p). It
 * is not stationary and has no spectral density, so it offers no random Fourier features (use {@code krr} or
 * {@code nystrom} with it). The bandwidth σ is a length scale of the inputs (scaling x, y and σ together changes
 * nothing), so the median heuristic normalises the inner products to order one; centre inputs whose mean is far from
 * the origin, or the Gram matrix is dominated by a nearly constant term. The power is taken by repeated
 * multiplication, so negative bases are exact and gradients finite everywhere; a degree so large that the Gram
 * matrix overflows makes the fit non-finite, which ALWS reports naming the regressor and the bandwidth.
 */
public final class PolynomialKernel implements Kernel {
    private final PolynomialKernelOptions options;

    public PolynomialKernel(PolynomialKernelOptions options) {
        this.options = options;
    }

    @Override
    public Tensor gram(Tensor x, Tensor y, Tensor bandwidth) {
        Tensor sigma = bandwidth.dtype() == x.dtype() ? bandwidth : bandwidth.cast(x.dtype());
        Tensor base = x.matmul(y, false, true).div(sigma.square()).add(options.offset());
        return power(base, options.degree());
    }

    /** {@code base^p} by repeated squaring, p ≥ 1. */
    static Tensor power(Tensor base, int p) {
        Tensor result = null;
        Tensor square = base;
        int e = p;
        while (true) {
            if ((e & 1) != 0) {
                result = result == null ? square : result.mul(square);
            }
            e >>>= 1;
            if (e == 0) {
                return result;
            }
            square = square.square();
        }
    }

    @Override
    public String toString() {
        return "polynomial(p=" + options.degree() + ", c=" + options.offset() + ")";
    }
}
