package org.alws.core.regress;

import java.util.Map;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The neural gradient model: ridge regression on the features of a learned network φ_ψ. With Φ = φ(X) [N, F] for the
 * sleep inputs, the smoother is {@code α(X*) = φ(X*) (ΦᵀΦ + λI)⁻¹ Φᵀ} (the primal form: one F × F Cholesky
 * factorisation, whatever N). The weights are linear in the targets, so ALWS's gradient stays exact for the fitted
 * smoother; they are differentiable in ψ and log λ, which are hyper-parameters ({@code network/...},
 * {@value KernelScales#LOG_RIDGE}) trained by ALWS's kernel step on held-out error and carried from step to step.
 */
public final class NeuralRegressor implements Regressor {
    private final NeuralRegressorOptions options;
    private final FeatureNetwork network;

    public NeuralRegressor(NeuralRegressorOptions options) {
        this.options = options;
        this.network = new FeatureNetwork(FeatureMaps.NETWORK, options.hidden(), options.features(),
                options.activation());
    }

    @Override
    public LinearSmoother fit(Tensor inputs, RegressionContext context) {
        TensorOps ops = context.ops();
        Tensor x = inputs.stopGradient();
        Tensor phi = network.apply(x, context);
        Tensor mean = null;
        Tensor scale = null;
        if (options.standardize()) {
            mean = phi.mean(0).reshape(1, phi.dim(1));
            Tensor centred = phi.sub(mean);
            scale = centred.square().mean(0).add(1e-6).rsqrt().reshape(1, phi.dim(1));
            phi = centred.mul(scale);
        }
        Tensor features = phi;
        Tensor ridge = KernelScales.ridge(x, context, options.ridge(), options.learnRidge());
        CholeskySolver.Factor factor = CholeskySolver.factor(ops,
                (row, rows, col, cols) -> GramBlocks.columns(ops, features, row, rows)
                        .matmul(GramBlocks.columns(ops, features, col, cols),
                        true, false),
                features.dim(1), ridge);
        Tensor shift = mean;
        Tensor stretch = scale;
        return new LinearSmoother() {
            @Override
            public Tensor weights(Tensor queries) {
                // (ΦᵀΦ + λI)⁻¹ φ(X*)ᵀ is [F, M]; its transpose times Φᵀ is α [M, N].
                return factor.solve(queryFeatures(queries).t()).matmul(features, true, true);
            }

            /** {@code φ(X*) ((ΦᵀΦ + λI)⁻¹ Φᵀ t)}: the ridge coefficients of the C target columns, then the queries. */
            @Override
            public Tensor predict(Tensor queries, Tensor targets) {
                Tensor coefficients = factor.solve(features.matmul(targets.cast(features.dtype()), true, false));
                return queryFeatures(queries).matmul(coefficients);
            }

            private Tensor queryFeatures(Tensor queries) {
                Tensor q = network.apply(queries.stopGradient(), context);
                return shift == null ? q : q.sub(shift).mul(stretch);
            }

            @Override
            public Map<String, Tensor> diagnostics() {
                return Map.of("ridge", ridge.sub(context.jitter().cast(ridge.dtype())));
            }
        };
    }

    @Override
    public String toString() {
        return "neural(" + network + ", λ=" + options.ridge() + (options.learnRidge() ? " learned" : "")
                + (options.standardize() ? ", standardised" : "") + ")";
    }
}
