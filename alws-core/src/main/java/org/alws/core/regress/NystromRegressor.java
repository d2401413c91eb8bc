package org.alws.core.regress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.NumericalException;
import org.alws.api.backend.TensorSpec;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.BinaryOp;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Nyström kernel ridge regression: the regression restricted to the span of k(·, z_1..m) for m inducing points z
 * among the N sleep inputs X (the subset-of-regressors estimator with the standard λK_mm penalty).
 *
 * <p><b>Smoother.</b> With K_nm = k(X, Z), K_mm = k(Z, Z), K_*m = k(X*, Z), ridge λ and the context's jitter j
 * (zero unless a factorisation failed):
 * <pre>
 *   α(X*) = K_*m (K_mn K_nm + (λ + j) K̃_mm)⁻¹ K_mn,     K̃_mm = K_mm + (ε + j) I,
 * </pre>
 * the minimiser β of |t − K_nm β|² + (λ + j) βᵀK̃_mm β, predicted at X* as K_*m β. It is computed in the equivalent,
 * well-conditioned whitened form: L Lᵀ = K̃_mm (Cholesky), Ψ = L⁻¹ K_mn [m, N] (the Nyström features: ΨᵀΨ =
 * K_nm K̃_mm⁻¹ K_mn ≈ K), ψ(X*) = L⁻¹ K_m* and α(X*) = ψ(X*)ᵀ (ΨΨᵀ + (λ + j) I)⁻¹ Ψ, the second system factorised
 * by {@link CholeskySolver} from blocks of ΨΨᵀ (substituting Ψ gives the formula above). Solving K_mn K_nm + λ K_mm
 * directly would square the condition number of K_mm; here K̃_mm is factorised alone and the ridge system has
 * eigenvalues ≥ λ. ε = 10 m u k̄ is a round-off guard, u the unit round-off of the floating type and k̄ the mean of
 * K_mm's diagonal (for m = 1,000 about 10⁻¹² k̄ in float64 and 6·10⁻⁴ k̄ in float32). With m = N every sleep input is
 * an inducing point and the smoother is exact kernel ridge regression, (K + λI)⁻¹ in the inputs' order, up to a
 * relative term of order ε / λ.
 *
 * <p><b>Inducing points.</b> {@code uniform}: a uniformly random subset without replacement, chosen in the graph from
 * the fit's seed (the m largest of N uniform keys). {@code kmeans++}: k-means++ seeding ({@link KMeansPlusPlus}) on
 * the host before each fit, on the sleep inputs as given (before any feature map), through
 * {@link Regressor#preparation}: the fit receives the m chosen row indices as an INT32 vector. A context without a
 * preparation (a plain {@code fit} outside ALWS) falls back to the uniform choice. m &gt; N is a configuration error
 * as soon as N is known (when the learner asks for the preparation, and when the fit is traced).
 */
public final class NystromRegressor implements Regressor {
    private final NystromOptions options;
    private final Kernel kernel;
    private final double fixedBandwidth;
    private final FeatureMap featureMap;

    public NystromRegressor(NystromOptions options, Kernel kernel) {
        this.options = options;
        this.kernel = kernel;
        this.fixedBandwidth = Bandwidths.parse("bandwidth", options.bandwidth());
        this.featureMap = FeatureMaps.create("featureMap", options.featureMap(), options.featureDimension(),
                options.featureStandardisation());
    }

    /** The fitted smoother; {@link #inducingIndices} tells which sleep inputs were chosen. */
    public interface Smoother extends LinearSmoother {
        /** The rows of the sleep inputs used as inducing points, INT32 [m]. */
        Tensor inducingIndices();
    }

    private boolean kmeans() {
        return options.selection().equals(NystromOptions.KMEANS_PLUS_PLUS);
    }

    /** @throws ConfigException if m exceeds the N sleep samples */
    private void checkCount(long n) {
        if (options.inducingPoints() > n) {
            throw new ConfigException("inducingPoints", "regressor nystrom: inducingPoints: got "
                    + options.inducingPoints() + ", expected at most N = " + n + " (the sleep samples per fit)");
        }
    }

    @Override
    public Optional<TensorSpec> preparation(int sleepSamples, Shape exampleShape) {
        checkCount(sleepSamples);
        return kmeans() ? Optional.of(TensorSpec.of(DType.INT32, options.inducingPoints())) : Optional.empty();
    }

    @Override
    public HostArray prepare(HostArray sleepInputs, SplittableRandom random) {
        int n = Math.toIntExact(sleepInputs.shape().dim(0));
        int d = Math.toIntExact(sleepInputs.shape().size() / Math.max(1, n));
        checkCount(n);
        // float32 inputs are used in place; float64 ones are checked first, then narrowed (ample for sampling).
        int[] chosen;
        if (sleepInputs.dtype() == DType.FLOAT32) {
            float[] x = sleepInputs.floats();
            for (int i = 0; i < x.length; i++) {
                if (!Float.isFinite(x[i])) {
                    throw nonFinite(i / d, x[i]);
                }
            }
            chosen = KMeansPlusPlus.select(x, n, d, options.inducingPoints(), random);
        } else {
            double[] x = sleepInputs.doubles();
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw nonFinite(i / d, x[i]);
                }
            }
            chosen = KMeansPlusPlus.select(x, n, d, options.inducingPoints(), random);
        }
        return HostArray.ofInts(Shape.of(chosen.length), chosen);
    }

    private NumericalException nonFinite(int row, double value) {
        return new NumericalException("regressor " + this + ": sleep input " + row + " holds a non-finite value ("
                + value + "); k-means++ needs finite inputs");
    }

    @Override
    public Smoother fit(Tensor inputs, RegressionContext context) {
        TensorOps ops = context.ops();
        boolean learned = options.learnHyperparameters();
        FeatureMap.Fitted mapped = featureMap.fit(inputs.stopGradient(), context);
        Tensor x = mapped.features();
        long n = x.dim(0);
        int m = options.inducingPoints();
        checkCount(n);
        Tensor indices = context.prepared().map(p -> p.dtype() == DType.INT32 ? p : p.cast(DType.INT32))
                .orElseGet(() -> uniformSubset(ops, n, m, context.seed()));
        if (!indices.shape().equals(Shape.of(m))) {
            throw new IllegalArgumentException("regressor nystrom: the prepared inducing points have shape "
                    + indices.shape() + ", expected [" + m + "]");
        }
        Tensor z = ops.gather(x, indices, 0);
        Tensor bandwidth = KernelScales.bandwidth(x, context, fixedBandwidth, options.bandwidthScale(),
                options.medianSubsample(), learned);
        Tensor ridge = KernelScales.ridge(x, context, options.ridge(), learned);
        Tensor jitter = context.jitter().cast(x.dtype());
        Tensor kmm = kernel.gram(z, z, bandwidth);
        double unitRoundOff = x.dtype() == DType.FLOAT64 ? 0x1.0p-53 : 0x1.0p-24;
        Tensor guard = ops.diagPart(kmm).mean().stopGradient().mul(10.0 * m * unitRoundOff).add(jitter);
        Tensor lower = ops.cholesky(kmm.add(ops.eye(m).cast(x.dtype()).mul(guard)));
        Tensor psi = ops.triangularSolve(lower, kernel.gram(z, x, bandwidth), true, false);
        CholeskySolver.Factor factor = CholeskySolver.factor(ops, (row, rows, col, cols) ->
                GramBlocks.rows(ops, psi, row, rows).matmul(GramBlocks.rows(ops, psi, col,
                        cols), false, true), m, ridge);
        Map<String, Tensor> diagnostics = new LinkedHashMap<>();
        diagnostics.put("bandwidth", bandwidth);
        if (learned) {
            diagnostics.put("ridge", ridge.sub(jitter));
        }
        return new Smoother() {
            @Override
            public Tensor weights(Tensor queries) {
                Tensor q = mapped.queries().apply(queries.stopGradient());
                Tensor psiQ = ops.triangularSolve(lower, kernel.gram(z, q, bandwidth), true, false);
                return factor.solve(psiQ).matmul(psi, true, false);
            }

            @Override
            public Tensor inducingIndices() {
                return indices;
            }

            @Override
            public Map<String, Tensor> diagnostics() {
                return diagnostics;
            }
        };
    }

    /**
     * m distinct indices among N, uniformly without replacement: the positions of the m largest of N independent
     * uniform keys (float64, so ties have probability about N²/2⁵³), found by matching the top-m values.
     */
    static Tensor uniformSubset(TensorOps ops, long n, int m, Tensor seed) {
        Tensor keys = ops.randomUniform(Shape.of(n), DType.FLOAT64, seed);
        Tensor top = ops.topK(keys, m);
        Tensor match = ops.binary(BinaryOp.EQUAL, keys.reshape(1, n), top.reshape(m, 1)).cast(DType.INT32);
        return ops.argMax(match, 1);
    }

    /** m, the number of inducing points. */
    @Override
    public java.util.OptionalInt basisSize() {
        return java.util.OptionalInt.of(options.inducingPoints());
    }

    @Override
    public String toString() {
        return "nystrom(" + kernel + ", m=" + options.inducingPoints() + " " + options.selection() + ", λ="
                + options.ridge() + ", bandwidth=" + Bandwidths.describe(options.bandwidth(), options.bandwidthScale())
                + (options.featureMap().equals(FeatureMaps.IDENTITY) ? "" : ", featureMap="
                        + FeatureMaps.describe(options.featureMap(), options.featureDimension(),
                                options.featureStandardisation()))
                + (options.learnHyperparameters() ? ", learned" : "") + ")";
    }
}
