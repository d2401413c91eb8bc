package org.alws.core.regress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.alws.api.ConfigException;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.GaussianInputs;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Ridge regression on random Fourier features (Rahimi and Recht, 2007): kernel ridge regression with the kernel
 * replaced by a D-feature Monte Carlo estimate of it.
 *
 * <p><b>Features.</b> φ(x) = √(2 k(0) / D) cos(Wᵀx / σ + b), [N, D] for inputs [N, d], where the columns of W [d, D]
 * are the kernel's {@link Kernel#spectralFrequencies spectral frequencies} at unit bandwidth (Gaussian: N(0, I);
 * Laplace: multivariate Cauchy; Matérn: Student-t), b ~ U(0, 2π)^D, and k(0) is the kernel at distance zero (1 for
 * the kernels shipped). By Bochner's theorem E[φ(x)·φ(y)] = k(x, y): ΦΦᵀ estimates the Gram matrix K itself, not
 * (D/2) K (the √(2/D) factor the reference implementation lacks). W and b are drawn from the fit's seed, fresh on
 * every fit, unless {@code fixedFeatures} is set, when they come from a fixed seed (the same in every fit and run).
 * A kernel without a spectral density (e.g. {@code polynomial}) is a configuration error when the fit is traced.
 *
 * <p><b>Smoother.</b> With Φ = φ(X) for the N sleep inputs and ridge λ (plus the context's jitter) on the diagonal:
 * <pre>
 *   α(X*) = φ(X*) (ΦᵀΦ + λ I_D)⁻¹ Φᵀ          (primal, D × D, used when D &lt; N)
 *         = φ(X*) Φᵀ (ΦΦᵀ + λ I_N)⁻¹          (dual, N × N, used when D ≥ N)
 * </pre>
 * The two are equal for every λ &gt; 0 (push-through identity), so the choice is purely one of cost: the primal
 * costs O(N D² + D³) and D² memory, the dual O(N² D + N³) and N² memory; each picks the smaller system. The dual is
 * exactly kernel ridge regression with the approximate kernel φ(x)·φ(y), so for D ≥ N random features cost more than
 * exact kernel ridge regression and only approximate it: use them with D &lt; N. λ is added to the diagonal only
 * (the reference implementation adds it to every entry of ΦᵀΦ). Both systems are factorised by
 * {@link CholeskySolver} from blocks of ΦᵀΦ or ΦΦᵀ, once per fit, and shared by every query and target.
 *
 * <p>The bandwidth is the median heuristic on the (feature-mapped) sleep inputs or fixed, as for {@code krr}; with
 * {@code learnHyperparameters} its factor and λ are hyper-parameters ({@link KernelScales}), and the weights are
 * differentiable with respect to them.
 */
public final class RandomFeatureRegressor implements Regressor {
    /** The offset of the phases' seed from the frequencies' seed (kernels use small offsets of their own). */
    static final long PHASE_STREAM = 1L << 40;
    /** The root of the fixed seed of {@code fixedFeatures}. */
    static final long FIXED_ROOT = 0x5EED_0FFL;

    private final RandomFeatureOptions options;
    private final Kernel kernel;
    private final double fixedBandwidth;
    private final FeatureMap featureMap;

    public RandomFeatureRegressor(RandomFeatureOptions options, Kernel kernel) {
        this.options = options;
        this.kernel = kernel;
        this.fixedBandwidth = Bandwidths.parse("bandwidth", options.bandwidth());
        this.featureMap = FeatureMaps.create("featureMap", options.featureMap(), options.featureDimension(),
                options.featureStandardisation());
    }

    /** The fitted smoother; {@link #features} exposes φ for inspection. */
    public interface Smoother extends LinearSmoother {
        /** φ(x) [M, D] for inputs [M, d] (before the feature map), with this fit's frequencies and bandwidth. */
        Tensor features(Tensor inputs);

        /** Whether the fit solved the D × D (primal) system rather than the N × N (dual) one. */
        boolean primal();
    }

    @Override
    public Smoother fit(Tensor inputs, RegressionContext context) {
        return fitMapped(featureMap.fit(inputs.stopGradient(), context), context);
    }

    /** Fits to the features of a Gaussian draw, which a linear feature map draws without drawing the inputs. */
    @Override
    public Smoother fit(GaussianInputs inputs, RegressionContext context) {
        return fitMapped(featureMap.fit(inputs.stopGradient(), context), context);
    }

    private Smoother fitMapped(FeatureMap.Fitted mapped, RegressionContext context) {
        TensorOps ops = context.ops();
        boolean learned = options.learnHyperparameters();
        Tensor x = mapped.features();
        long n = x.dim(0);
        long width = x.dim(1);
        int count = options.features();
        Tensor seed = options.fixedFeatures()
                ? ops.constant(SeedStream.root(FIXED_ROOT).child("rff").statelessSeed(0)) : context.seed();
        Optional<Tensor> drawn = kernel.spectralFrequencies(ops, width, count, seed);
        if (drawn.isEmpty()) {
            throw new ConfigException("kernel", "regressor rff: kernel " + kernel + " has no spectral density, so it"
                    + " has no random Fourier features; use a shift-invariant kernel (gaussian, laplace, matern32,"
                    + " matern52) or the regressor krr or nystrom");
        }
        Tensor omega = drawn.get().dtype() == x.dtype() ? drawn.get() : drawn.get().cast(x.dtype());
        Tensor phase = ops.randomUniform(Shape.of(1, count), x.dtype(), ops.offsetSeed(seed, PHASE_STREAM))
                .mul(2 * Math.PI);
        Tensor bandwidth = KernelScales.bandwidth(x, context, fixedBandwidth, options.bandwidthScale(),
                options.medianSubsample(), learned);
        Tensor origin = ops.zeros(Shape.of(1, width)).cast(x.dtype());
        Tensor amplitude = kernel.gram(origin, origin, bandwidth).reshape(Shape.scalar()).mul(2.0 / count).sqrt();
        java.util.function.Function<Tensor, Tensor> phi = v -> v.matmul(omega).div(bandwidth).add(phase).cos()
                .mul(amplitude);
        Tensor features = phi.apply(x);
        Tensor ridge = KernelScales.ridge(x, context, options.ridge(), learned);
        boolean primal = count < n;
        CholeskySolver.Factor factor = primal
                ? CholeskySolver.factor(ops, (row, rows, col, cols) -> GramBlocks.columns(ops, features, row, rows)
                        .matmul(GramBlocks.columns(ops, features, col, cols), true, false), count, ridge)
                : CholeskySolver.factor(ops, (row, rows, col, cols) -> GramBlocks.rows(ops, features, row, rows)
                        .matmul(GramBlocks.rows(ops, features, col, cols), false, true), n, ridge);
        Map<String, Tensor> diagnostics = new LinkedHashMap<>();
        diagnostics.put("bandwidth", bandwidth);
        if (learned) {
            diagnostics.put("ridge", ridge.sub(context.jitter().cast(ridge.dtype())));
        }
        return new Smoother() {
            @Override
            public Tensor features(Tensor queries) {
                return phi.apply(mapped.queries().apply(queries.stopGradient()));
            }

            @Override
            public boolean primal() {
                return primal;
            }

            @Override
            public Tensor weights(Tensor queries) {
                Tensor q = features(queries);
                if (primal) {
                    // (φ(X*) (ΦᵀΦ + λI)⁻¹ Φᵀ) = ((ΦᵀΦ + λI)⁻¹ φ(X*)ᵀ)ᵀ Φᵀ
                    return factor.solve(q.t()).matmul(features, true, true);
                }
                return factor.solve(features.matmul(q, false, true)).t();
            }

            @Override
            public Map<String, Tensor> diagnostics() {
                return diagnostics;
            }
        };
    }

    /** D, the number of random features. */
    @Override
    public java.util.OptionalInt basisSize() {
        return java.util.OptionalInt.of(options.features());
    }

    @Override
    public String toString() {
        return "rff(" + kernel + ", D=" + options.features() + ", λ=" + options.ridge() + ", bandwidth="
                + Bandwidths.describe(options.bandwidth(), options.bandwidthScale()) + (options.fixedFeatures() ? ", fixed features" : "")
                + (options.featureMap().equals(FeatureMaps.IDENTITY) ? "" : ", featureMap="
                        + FeatureMaps.describe(options.featureMap(), options.featureDimension(),
                                options.featureStandardisation()))
                + (options.learnHyperparameters() ? ", learned" : "") + ")";
    }
}
