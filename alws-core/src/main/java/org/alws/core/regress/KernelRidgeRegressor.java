package org.alws.core.regress;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.regress.GaussianInputs;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Exact kernel ridge regression: {@code α(X*) = k(X*, X) (K + (λ + jitter) I)⁻¹}, by one Cholesky factorisation
 * shared by every query and target, and two triangular solves. Never forms an inverse. With
 * {@code learnHyperparameters} the bandwidth's factor and λ are hyper-parameters (see {@link KernelScales}); with a
 * feature map the kernel acts on the features of the inputs. The weights are differentiable with respect to the
 * hyper-parameters (not the inputs), so a learner can fit them on held-out error.
 */
public final class KernelRidgeRegressor implements Regressor {
    private final KernelRidgeOptions options;
    private final Kernel kernel;
    private final double fixedBandwidth;
    private final FeatureMap featureMap;

    public KernelRidgeRegressor(KernelRidgeOptions options, Kernel kernel) {
        this.options = options;
        this.kernel = kernel;
        this.fixedBandwidth = Bandwidths.parse("bandwidth", options.bandwidth());
        this.featureMap = FeatureMaps.create("featureMap", options.featureMap(), options.featureDimension(),
                options.featureStandardisation());
    }

    @Override
    public LinearSmoother fit(Tensor inputs, RegressionContext context) {
        return fitMapped(featureMap.fit(inputs.stopGradient(), context), context);
    }

    /** Fits to the features of a Gaussian draw, which a linear feature map draws without drawing the inputs. */
    @Override
    public LinearSmoother fit(GaussianInputs inputs, RegressionContext context) {
        return fitMapped(featureMap.fit(inputs.stopGradient(), context), context);
    }

    private LinearSmoother fitMapped(FeatureMap.Fitted mapped, RegressionContext context) {
        TensorOps ops = context.ops();
        boolean learned = options.learnHyperparameters();
        Tensor x = mapped.features();
        long n = x.dim(0);
        Tensor bandwidth = KernelScales.bandwidth(x, context, fixedBandwidth, options.bandwidthScale(),
                options.medianSubsample(), learned);
        Tensor ridge = KernelScales.ridge(x, context, options.ridge(), learned);
        CholeskySolver.Factor factor = CholeskySolver.factor(ops,
                (row, rows, col, cols) -> kernel.gram(GramBlocks.rows(ops, x, row, rows),
                        GramBlocks.rows(ops, x, col, cols), bandwidth),
                n, ridge);
        Map<String, Tensor> diagnostics = new LinkedHashMap<>();
        diagnostics.put("bandwidth", bandwidth);
        if (learned) {
            diagnostics.put("ridge", ridge.sub(context.jitter().cast(ridge.dtype())));
        }
        return new LinearSmoother() {
            @Override
            public Tensor weights(Tensor queries) {
                Tensor q = mapped.queries().apply(queries.stopGradient());
                return factor.solve(kernel.gram(x, q, bandwidth)).t();
            }

            /** {@code k(X*, X) ((K + λI)⁻¹ t)}: solves for the C target columns rather than the M queries. */
            @Override
            public Tensor predict(Tensor queries, Tensor targets) {
                Tensor q = mapped.queries().apply(queries.stopGradient());
                return kernel.gram(x, q, bandwidth).matmul(factor.solve(targets.cast(x.dtype())), true, false);
            }

            /**
             * With A = K + (λ + jitter) I, α = k(X*, X) A⁻¹ and H = g A⁻¹: d⟨g, α⟩ = ⟨H, dk(X*, X)⟩ − ⟨αᵀH, dA⟩, so
             * ⟨H, k(X*, X)⟩ − ⟨αᵀH, A⟩ with H and αᵀH held constant has the same gradient, by one more solve and
             * no backward pass through the factorisation.
             */
            @Override
            public Tensor weightsAdjoint(Tensor queries, Tensor weights, Tensor cotangent) {
                Tensor q = mapped.queries().apply(queries.stopGradient());
                Tensor alpha = weights.stopGradient();
                Tensor h = factor.solve(cotangent.stopGradient().cast(x.dtype()).t()).t().stopGradient();
                Tensor alphaH = alpha.matmul(h, true, false).stopGradient();
                Tensor trace = alpha.mul(h).sum().stopGradient();
                return h.mul(kernel.gram(q, x, bandwidth)).sum()
                        .sub(alphaH.mul(kernel.gram(x, x, bandwidth)).sum())
                        .sub(ridge.cast(x.dtype()).mul(trace));
            }

            @Override
            public Map<String, Tensor> diagnostics() {
                return diagnostics;
            }
        };
    }

    @Override
    public String toString() {
        String map = options.featureStandardisation() == FeatureStandardisation.BATCH ? options.featureMap()
                : FeatureMaps.describe(options.featureMap(), options.featureDimension(),
                        options.featureStandardisation());
        return "krr(" + kernel + ", λ=" + options.ridge() + ", bandwidth="
                + Bandwidths.describe(options.bandwidth(), options.bandwidthScale())
                + (options.featureMap().equals(FeatureMaps.IDENTITY) ? "" : ", featureMap=" + map)
                + (options.learnHyperparameters() ? ", learned" : "") + ")";
    }
}
