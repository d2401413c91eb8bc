package org.alws.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.Variable;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.tensor.BinaryOp;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * NVIL, neural variational inference and learning (Mnih and Gregor, 2014): θ ascends the ELBO by
 * ∇θ log p(z, x) at one draw z ~ q(z | x) per point, not reparameterised (discrete latents are fine); the guide
 * follows the score-function gradient s(x, z) ∇φ log q(z | x) with the learning signal l = log p(z, x) − log q(z | x)
 * centred by a learned input-dependent baseline b_ψ(x) (an MLP on the data, parameters {@code mlp/w0},
 * {@code mlp/b0}, {@code mlp/w1}, {@code mlp/b1} under the {@code baseline/} owner, trained by the run's optimiser on
 * the squared error (l − μ − b_ψ(x))²), optionally by the running mean μ of l − b_ψ(x), and optionally divided by
 * max(1, σ) with σ² its running variance ({@code signal/mean} and {@code signal/variance} under {@code baseline/},
 * set by assignment, not by gradient, and only when finite). The statistics used in a step are those before the
 * step, constants given the past, so the guide's gradient is an unbiased estimate of ∇φ ELBO (times 1/max(1, σ)
 * with normalisation). The reported loss is minus the single-sample ELBO.
 *
 * <p><b>As a score estimator</b> it returns (1/K) Σ_k ∇θ log p(z_k, x_m), z_k ~ q, K = {@code budget}, after guide
 * steps at fixed θ: the gradient of the ELBO, biased by ∇θ KL(q ‖ p_θ(z | x)), which vanishes only when the guide is
 * the exact posterior; more samples reduce the variance, not this bias.
 */
public final class NvilLearner extends ParticleLearner {
    /** The owner (namespace) of the baseline's parameters and the signal's running statistics. */
    public static final String BASELINE_OWNER = "baseline";
    private final NvilOptions options;

    public NvilLearner(NvilOptions options) {
        super("nvil", options.guide(), options.guideFitSteps(), options.guideFitLearningRate());
        this.options = options;
    }

    public NvilOptions options() {
        return options;
    }

    @Override
    int particles() {
        return 1;
    }

    @Override
    String key() {
        return "nvil-h" + options.baselineHidden() + (options.centreSignal() ? "-c" : "")
                + (options.normaliseSignal() ? "-n" : "") + "-d" + options.signalDecay() + "-"
                + Integer.toHexString(options.guide().toString().hashCode());
    }

    @Override
    Objectives objectives(Particles p, Tensor x, Tensor seed, int k, Tensor weights, Purpose purpose) {
        Tensor xk = p.tile(x, k);
        ScoreFunction.Draws d = ScoreFunction.draw(p, xk, seed, k, purpose.needsGuideUpdate());
        Tensor logW = d.logWeights();
        Tensor elbo = logW.mean(0);
        Tensor theta = d.logP().mean(0).mul(weights).sum();
        Map<String, Tensor> metrics = new LinkedHashMap<>();
        metrics.put("elbo", elbo.mean());
        Map<Variable, Tensor> guideGradients = null;
        if (purpose.needsGuideUpdate()) {
            guideGradients = guideGradients(p, xk, d, weights, metrics);
        }
        return new Objectives(elbo, theta, null, false, guideGradients, d.model(), metrics);
    }

    /** The guide's and the baseline's gradients (of quantities to minimise), and the signal's statistics' update. */
    private Map<Variable, Tensor> guideGradients(Particles p, Tensor xk, ScoreFunction.Draws d, Tensor weights,
            Map<String, Tensor> metrics) {
        TensorOps ops = p.ops;
        Parameters owner = p.context.parameters(BASELINE_OWNER);
        int k = Math.toIntExact(d.logP().dim(0));
        List<Variable> mlp = new ArrayList<>();
        Tensor b = Particles.byParticle(baseline(ops, owner, xk, mlp), k);
        Tensor l = d.logWeights().stopGradient();
        Tensor r = l.sub(b.stopGradient());
        Tensor target = l;
        Tensor signal = r;
        boolean track = options.centreSignal() || options.normaliseSignal();
        if (track) {
            Variable meanVar = owner.variable("signal/mean", Shape.scalar(), Initializer.zeros());
            Variable varVar = owner.variable("signal/variance", Shape.scalar(), Initializer.zeros());
            Tensor mean = ops.read(meanVar);
            Tensor variance = ops.read(varVar);
            Tensor batchMean = r.mean();
            Tensor batchVar = r.sub(batchMean).square().mean();
            double a = options.signalDecay();
            Tensor nextMean = mean.mul(a).add(batchMean.mul(1 - a));
            Tensor nextVar = variance.mul(a).add(batchVar.mul(1 - a));
            Tensor ok = ops.binary(BinaryOp.AND, nextMean.isFinite(), nextVar.isFinite());
            ops.assign(meanVar, ops.where(ok, nextMean, mean));
            ops.assign(varVar, ops.where(ok, nextVar, variance));
            if (options.centreSignal()) {
                signal = signal.sub(mean);
                target = target.sub(mean);
            }
            if (options.normaliseSignal()) {
                signal = signal.div(variance.sqrt().maximum(1.0));
            }
            metrics.put("signal.mean", mean);
            metrics.put("signal.sd", variance.sqrt());
        }
        Tensor surrogate = signal.stopGradient().mul(d.logQ()).mean(0).mul(weights).sum();
        Tensor baselineLoss = target.sub(b).square().mean(0).mul(weights).sum();
        metrics.put("baseline.mse", target.sub(b).square().mean());
        Map<Variable, Tensor> grads = new LinkedHashMap<>(p.gradients(p.guideParameters, surrogate.neg()));
        List<Tensor> reads = new ArrayList<>();
        for (Variable v : mlp) {
            reads.add(ops.read(v));
        }
        List<Tensor> gb = ops.gradients(baselineLoss, reads);
        for (int i = 0; i < mlp.size(); i++) {
            grads.put(mlp.get(i), gb.get(i));
        }
        return grads;
    }

    /** b_ψ(x) [N]: one tanh hidden layer on the flattened data, then a linear output; its variables in order. */
    private Tensor baseline(TensorOps ops, Parameters owner, Tensor x, List<Variable> vars) {
        long n = x.dim(0);
        Tensor h = x.cast(ops.floatType());
        h = h.shape().rank() == 1 ? h.reshape(n, 1) : h.flattenTrailing();
        int hidden = options.baselineHidden();
        Variable w0 = owner.variable("mlp/w0", Shape.of(h.dim(1), hidden), Initializer.glorotUniform());
        Variable b0 = owner.variable("mlp/b0", Shape.of(hidden), Initializer.zeros());
        Variable w1 = owner.variable("mlp/w1", Shape.of(hidden, 1), Initializer.glorotUniform());
        Variable b1 = owner.variable("mlp/b1", Shape.of(1), Initializer.zeros());
        vars.addAll(List.of(w0, b0, w1, b1));
        h = h.matmul(ops.read(w0)).add(ops.read(b0)).tanh();
        return h.matmul(ops.read(w1)).add(ops.read(b1)).reshape(n);
    }

    @Override
    public String toString() {
        return "nvil(baseline " + options.baselineHidden() + " units" + (options.centreSignal() ? ", centred" : "")
                + (options.normaliseSignal() ? ", normalised" : "") + ")";
    }
}
