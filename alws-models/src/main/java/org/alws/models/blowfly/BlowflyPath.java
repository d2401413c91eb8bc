package org.alws.models.blowfly;

import java.util.ArrayList;
import java.util.List;
import org.alws.api.dist.Distribution;
import org.alws.api.dist.LogNormal;
import org.alws.api.dist.Support;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Reduction;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The population path of Nicholson's blowfly model given its other latents: a batch of n series x_1..x_T, each the
 * Markov chain
 *
 * <pre>
 *   μ_t = P x_{t−τ} exp(−x_{t−τ}/N₀) e_t + x_{t−1} exp(−δ ε_t),   x_t ~ LogNormal(log μ_t, σ_n²),
 * </pre>
 *
 * where x_0, x_{−1}, ..., x_{1−W} are the W values of the initial window (the same for every series) and the delay τ,
 * the birth noises e_t and the death noises ε_t are given per series. log μ_t is computed as a log-sum-exp of the
 * birth and survival terms, so it is finite however small either is.
 *
 * <p>A draw runs the recursion step by step (T steps of the graph, each selecting x_{t−τ} from a buffer of the last
 * K values by a one-hot product); the log-density scores a given path all at once, since every x_{t−τ} and x_{t−1} is
 * then known. Both use the same {@link LogNormal}, so sampling and density agree. The path is not reparameterised
 * (its draws carry no gradient) and it is not an exponential family: ALWS regresses the plain log joint.
 */
public final class BlowflyPath implements Distribution {
    private final Tensor logP;
    private final Tensor n0;
    private final Tensor delta;
    private final Tensor sigmaN;
    private final Tensor window;
    private final Tensor delayIndex;
    private final Tensor birthNoise;
    private final Tensor deathNoise;
    private final int maxDelay;
    private final int batch;
    private final int length;

    /**
     * @param logP log of the birth rate P, a scalar
     * @param n0 N₀, the population scale of density dependence, a positive scalar
     * @param delta δ, the death rate, a positive scalar
     * @param sigmaN σ_n, the log-normal observation scale, a positive scalar
     * @param window the W ≥ maxDelay positive values before x_1, oldest first, [W]
     * @param delayIndex τ − 1 for every series, INT32 [n] in {0, ..., maxDelay − 1}
     * @param birthNoise e_t, positive, [n, T]
     * @param deathNoise ε_t, positive, [n, T]
     * @param maxDelay K, the largest delay
     * @throws IllegalArgumentException if the shapes or types disagree
     */
    public BlowflyPath(Tensor logP, Tensor n0, Tensor delta, Tensor sigmaN, Tensor window, Tensor delayIndex,
            Tensor birthNoise, Tensor deathNoise, int maxDelay) {
        Shape path = birthNoise.shape();
        if (path.rank() != 2 || !deathNoise.shape().equals(path)) {
            throw new IllegalArgumentException("BlowflyPath: noises must be [n, T] of one shape, got " + path + " and "
                    + deathNoise.shape());
        }
        this.batch = Math.toIntExact(path.dim(0));
        this.length = Math.toIntExact(path.dim(1));
        if (!delayIndex.shape().equals(Shape.of(batch)) || delayIndex.dtype() != DType.INT32) {
            throw new IllegalArgumentException("BlowflyPath: delays must be INT32 [" + batch + "], got "
                    + delayIndex.dtype() + delayIndex.shape());
        }
        if (window.shape().rank() != 1 || window.shape().dim(0) < maxDelay || maxDelay < 1) {
            throw new IllegalArgumentException("BlowflyPath: the window must be a vector of at least maxDelay = "
                    + maxDelay + " values, got " + window.shape());
        }
        for (Tensor scalar : List.of(logP, n0, delta, sigmaN)) {
            if (scalar.shape().rank() != 0) {
                throw new IllegalArgumentException("BlowflyPath: P, N0, delta and sigmaN must be scalars, got "
                        + scalar.shape());
            }
        }
        this.logP = logP;
        this.n0 = n0;
        this.delta = delta;
        this.sigmaN = sigmaN;
        this.window = window;
        this.delayIndex = delayIndex;
        this.birthNoise = birthNoise;
        this.deathNoise = deathNoise;
        this.maxDelay = maxDelay;
    }

    @Override
    public Shape shape() {
        return Shape.of(batch, length);
    }

    @Override
    public DType dtype() {
        return birthNoise.dtype();
    }

    /** The path, one step of the recursion at a time; constant (no gradient reaches the parameters). */
    @Override
    public Tensor sample(Tensor seed) {
        TensorOps ops = birthNoise.ops();
        int w = Math.toIntExact(window.shape().dim(0));
        int[] newestFirst = new int[maxDelay];
        for (int k = 0; k < maxDelay; k++) {
            newestFirst[k] = w - 1 - k;
        }
        Tensor recent = ops.gather(window, ops.constant(HostArray.ofInts(Shape.of(maxDelay), newestFirst)), 0);
        // buffer[:, k] = x_{t−1−k}: column τ − 1 is x_{t−τ}, column 0 is x_{t−1}.
        Tensor buffer = ops.zeros(Shape.of(batch, maxDelay)).cast(dtype()).add(recent);
        Tensor select = ops.oneHot(delayIndex, maxDelay, dtype());
        Tensor standardNormal = ops.randomNormal(shape(), dtype(), seed);
        List<Tensor> columns = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            Tensor lagged = ops.reduce(Reduction.SUM, buffer.mul(select), true, 1);
            Tensor previous = ops.slice(buffer, new long[] {0, 0}, new long[] {batch, 1});
            Tensor logMu = logMean(lagged, previous, column(birthNoise, t), column(deathNoise, t));
            Tensor x = logMu.add(sigmaN.mul(column(standardNormal, t))).exp();
            columns.add(x);
            buffer = maxDelay == 1 ? x
                    : ops.concat(1, List.of(x, ops.slice(buffer, new long[] {0, 0}, new long[] {batch, maxDelay - 1})));
        }
        return ops.stopGradient(ops.concat(1, columns));
    }

    /** log LogNormal(x_t; log μ_t, σ_n²) of every step of every series, [n, T]. */
    @Override
    public Tensor logProb(Tensor value) {
        TensorOps ops = value.ops();
        int w = Math.toIntExact(window.shape().dim(0));
        Tensor full = ops.concat(1, List.of(ops.zeros(Shape.of(batch, w)).cast(dtype()).add(window), value));
        List<Tensor> lags = new ArrayList<>(maxDelay);
        for (int k = 1; k <= maxDelay; k++) {
            lags.add(ops.slice(full, new long[] {0, w - k}, new long[] {batch, length}));
        }
        Tensor select = ops.reshape(ops.oneHot(delayIndex, maxDelay, dtype()), Shape.of(batch, maxDelay, 1));
        Tensor lagged = ops.stack(1, lags).mul(select).sum(1);
        Tensor logMu = logMean(lagged, lags.get(0), birthNoise, deathNoise);
        return LogNormal.of(logMu, sigmaN).logProb(value);
    }

    /** log μ = log(P x_lag exp(−x_lag/N₀) e + x_prev exp(−δ ε)), elementwise, as a log-sum-exp. */
    private Tensor logMean(Tensor lagged, Tensor previous, Tensor birth, Tensor death) {
        Tensor logBirth = logP.add(lagged.log()).sub(lagged.div(n0)).add(birth.log());
        Tensor logSurvival = previous.log().sub(delta.mul(death));
        return logAddExp(logBirth, logSurvival);
    }

    /** log(exp a + exp b) = max(a, b) + log1p(exp(−|a − b|)), finite for any finite a, b. */
    static Tensor logAddExp(Tensor a, Tensor b) {
        return a.maximum(b).add(a.sub(b).abs().neg().exp().log1p());
    }

    private Tensor column(Tensor matrix, int t) {
        return matrix.ops().slice(matrix, new long[] {0, t}, new long[] {batch, 1});
    }

    @Override
    public boolean reparameterized() {
        return false;
    }

    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    @Override
    public String toString() {
        return "BlowflyPath" + shape() + "{K=" + maxDelay + "}";
    }
}
