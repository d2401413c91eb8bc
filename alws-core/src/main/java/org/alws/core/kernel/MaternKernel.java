package org.alws.core.kernel;

import java.util.Optional;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Kernels;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The Matérn kernels of half-integer smoothness ν = 1/2, 3/2, 5/2 on the Euclidean distance, with r = |x − y| / σ:
 * <ul>
 *   <li>ν = 1/2, {@code laplace}: k = exp(−r);</li>
 *   <li>ν = 3/2, {@code matern32}: k = (1 + √3 r) exp(−√3 r);</li>
 *   <li>ν = 5/2, {@code matern52}: k = (1 + √5 r + 5r²/3) exp(−√5 r).</li>
 * </ul>
 * All three are stationary, isotropic, positive definite in every dimension and equal 1 at r = 0.
 *
 * <p><b>Distances.</b> Squared distances come from {@link Kernels#squaredDistances} (|x|² + |y|² − 2xyᵀ, no N×M×D
 * broadcast), and r = √max(d²/σ², 10⁻¹²), i.e. d = √max(d², 10⁻¹² σ²). The floor keeps the gradients of r finite
 * at d = 0 (with respect to the inputs and to the bandwidth: the derivative of √ is unbounded at 0) and swallows the
 * round-off of the expansion on the diagonal, so that k(x, x) is the same for every x. Its effect on the values is at
 * most 10⁻⁶ relative for the Laplace kernel (which is not differentiable at 0) and about 10⁻¹² for the others.
 *
 * <p><b>Spectral density (Bochner).</b> For the Matérn-ν kernel with unit length scale in D dimensions the spectral
 * density is proportional to (2ν + |ω|²)^−(ν + D/2): the multivariate Student-t with 2ν degrees of freedom and
 * identity scale. Frequencies are drawn as ω = z √(ν / g) with z ~ N(0, I_D) and one g ~ Gamma(ν, 1) per frequency
 * (shared by its D coordinates), since 2g ~ χ²_{2ν}. For the Laplace kernel (ν = 1/2) this is the isotropic
 * multivariate Cauchy distribution. Note that the reference implementation's "Laplace" random features draw an
 * independent standard Cauchy per coordinate, which is the spectrum of the product (L1) Laplace kernel
 * exp(−|x − y|₁ / σ), a different kernel; this class implements the isotropic (L2) form throughout, so that its
 * Gram matrix and its random features agree.
 */
public final class MaternKernel implements Kernel {
    /** The distance floor in units of the bandwidth, squared. */
    static final double MIN_SQUARED_DISTANCE = 1e-12;

    private final int twiceNu;
    private final String name;

    private MaternKernel(int twiceNu, String name) {
        this.twiceNu = twiceNu;
        this.name = name;
    }

    /** ν = 1/2: exp(−|x − y| / σ). */
    public static MaternKernel laplace() {
        return new MaternKernel(1, "laplace");
    }

    /** ν = 3/2: (1 + √3 r) exp(−√3 r). */
    public static MaternKernel matern32() {
        return new MaternKernel(3, "matern32");
    }

    /** ν = 5/2: (1 + √5 r + 5r²/3) exp(−√5 r). */
    public static MaternKernel matern52() {
        return new MaternKernel(5, "matern52");
    }

    /** The smoothness ν. */
    public double nu() {
        return twiceNu / 2.0;
    }

    @Override
    public Tensor gram(Tensor x, Tensor y, Tensor bandwidth) {
        Tensor r = scaledDistances(x, y, bandwidth);
        switch (twiceNu) {
            case 1:
                return r.neg().exp();
            case 3: {
                Tensor s = r.mul(Math.sqrt(3));
                return s.add(1.0).mul(s.neg().exp());
            }
            default: {
                Tensor s = r.mul(Math.sqrt(5));
                return s.add(1.0).add(s.square().div(3.0)).mul(s.neg().exp());
            }
        }
    }

    /**
     * r = √max(|x − y|² / σ², 10⁻¹²) for the rows of x [N, D] and y [M, D]: [N, M], with finite gradients everywhere.
     */
    static Tensor scaledDistances(Tensor x, Tensor y, Tensor bandwidth) {
        Tensor sigma = bandwidth.dtype() == x.dtype() ? bandwidth : bandwidth.cast(x.dtype());
        return Kernels.squaredDistances(x, y).div(sigma.square()).maximum(MIN_SQUARED_DISTANCE).sqrt();
    }

    @Override
    public Optional<Tensor> spectralFrequencies(TensorOps ops, long inputDimension, long count, Tensor seed) {
        return Optional.of(studentT(ops, inputDimension, count, nu(), seed));
    }

    /**
     * {@code count} draws from the D-dimensional Student-t with 2ν degrees of freedom and identity scale, as the
     * columns of a [D, count] matrix of the workspace's floating type: z √(ν / g), z ~ N(0, I), g ~ Gamma(ν, 1).
     */
    static Tensor studentT(TensorOps ops, long inputDimension, long count, double nu, Tensor seed) {
        Tensor z = ops.randomNormal(Shape.of(inputDimension, count), ops.floatType(), seed);
        Tensor alpha = ops.fill(Shape.of(1, count), nu);
        Tensor g = ops.randomGamma(alpha, ops.offsetSeed(seed, 1));
        return z.mul(g.reciprocal().mul(nu).sqrt());
    }

    @Override
    public String toString() {
        return name;
    }
}
