package org.alws.models.np;

import java.util.List;
import java.util.SplittableRandom;
import org.alws.api.DataException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.dist.Normal;
import org.alws.api.model.Parameters;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.models.np.NeuralProcessModel.Weights;

/**
 * What a trained {@link NeuralProcessModel} predicts, computed in its workspace from K draws z_k = μ + σ ε_k of its
 * conditional prior p(z | context) per function. The ε_k are standard normal draws made on the host from the
 * caller's generator, function by function, draw by draw, dimension by dimension, so a result is a pure function of
 * the generator and does not depend on how the functions are split into calls.
 */
final class NeuralProcessPredictions {
    /** The most decoder evaluations (functions × draws × points) one call of a compiled function makes. */
    static final long ROWS_PER_CALL = 1L << 19;

    private NeuralProcessPredictions() {
    }

    /**
     * The predictive log-likelihoods of each function, from K draws: of its held-out targets (those that are not
     * context points), log (1/K) Σ_k Π_{t ≥ C} N(y_t; μ_y(x_t, z_k), σ_y(x_t, z_k)²), and the same over all T
     * targets.
     *
     * @param heldOut per function, log p(y_H | x_H, context)
     * @param allTargets per function, log p(y_T | x_T, context)
     */
    record Scores(double[] heldOut, double[] allTargets) {
        /** The mean of {@code values}. */
        static double mean(double[] values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return sum / values.length;
        }
    }

    /**
     * The scores of {@code rows} [F, 2T + C] (data rows [y_T | x_T | y_C]) from {@code samples} draws each.
     *
     * @throws DataException if the rows are not of the model's layout
     */
    static Scores scores(Workspace workspace, NeuralProcessModel model, Parameters parameters, HostArray rows,
            int samples, SplittableRandom random) {
        return scores(workspace, model, parameters, rows, samples, random, ROWS_PER_CALL);
    }

    /**
     * As {@link #scores(Workspace, NeuralProcessModel, Parameters, HostArray, int, SplittableRandom)}, in calls of at
     * most {@code rowsPerCall} decoder evaluations (at least one function per call).
     */
    static Scores scores(Workspace workspace, NeuralProcessModel model, Parameters parameters, HostArray rows,
            int samples, SplittableRandom random, long rowsPerCall) {
        int width = model.rowLength();
        if (rows.shape().rank() != 2 || rows.shape().dim(1) != width) {
            throw new DataException("neural-process predictions need data rows [y (" + model.targetPoints()
                    + ") | x (" + model.targetPoints() + ") | contextY (" + model.contextPoints() + ")] of length "
                    + width + ", got examples of shape " + rows.shape().tail(1));
        }
        int functions = Math.toIntExact(rows.shape().dim(0));
        int t = model.targetPoints();
        int c = model.contextPoints();
        int l = model.latentDim();
        int block = (int) Math.max(1, Math.min(functions, rowsPerCall / ((long) samples * t)));
        CompiledFunction f = workspace.compile("np-predictive/" + id(model) + "/" + parameters.prefix() + block + "x"
                + samples, List.of(TensorSpec.of(DType.FLOAT64, block, width),
                        TensorSpec.of(DType.FLOAT64, block, samples, l)), (ops, in) -> {
                            Tensor data = in.get(0).cast(ops.floatType());
                            Tensor y = NeuralProcessModel.columns(ops, data, 0, t);
                            Tensor x = NeuralProcessModel.columns(ops, data, t, t);
                            Tensor contextY = NeuralProcessModel.columns(ops, data, 2 * t, c);
                            Tensor contextX = NeuralProcessModel.columns(ops, x, 0, c);
                            Normal predictive = predictive(ops, model, parameters, contextX, contextY, in.get(1), x);
                            Tensor logp = predictive.logProb(repeat(y, samples)).reshape(block, samples, t);
                            Tensor heldOut = ops.slice(logp, new long[] {0, 0, c}, new long[] {block, samples, t - c})
                                    .sum(2).logMeanExp(1);
                            Tensor all = logp.sum(2).logMeanExp(1);
                            return List.of(heldOut.cast(DType.FLOAT64), all.cast(DType.FLOAT64));
                        });
        double[] source = rows.doubles();
        double[] heldOut = new double[functions];
        double[] all = new double[functions];
        for (int start = 0; start < functions; start += block) {
            int count = Math.min(block, functions - start);
            double[] data = new double[block * width];
            System.arraycopy(source, start * width, data, 0, count * width);
            double[] eps = new double[block * samples * l];
            System.arraycopy(Gaussians.draws(random, count * samples * l), 0, eps, 0, count * samples * l);
            List<DeviceArray> out = f.call(HostArray.of(Shape.of(block, width), data),
                    HostArray.of(Shape.of(block, samples, l), eps));
            try {
                System.arraycopy(out.get(0).toHost().doubles(), 0, heldOut, start, count);
                System.arraycopy(out.get(1).toHost().doubles(), 0, all, start, count);
            } finally {
                out.forEach(DeviceArray::close);
            }
        }
        return new Scores(heldOut, all);
    }

    /**
     * The predictive distributions p(y | x, z_k) at the locations {@code points} for K = {@code samples} draws of z
     * per function.
     *
     * @param functions F
     * @param samples K
     * @param points the locations, Q of them, shared by every function
     * @param loc μ_y, [F, K, Q] row-major
     * @param scale σ_y, [F, K, Q] row-major
     */
    record Predictive(int functions, int samples, double[] points, double[] loc, double[] scale) {
        /** μ_y of function f, draw k, location q. */
        double loc(int f, int k, int q) {
            return loc[(f * samples + k) * points.length + q];
        }

        /** σ_y of function f, draw k, location q. */
        double scale(int f, int k, int q) {
            return scale[(f * samples + k) * points.length + q];
        }
    }

    /**
     * The predictive distributions at {@code points} of the functions whose contexts are {@code contextX} and
     * {@code contextY} (F rows of C values each), from {@code samples} draws of z each, in one call.
     */
    static Predictive predictive(Workspace workspace, NeuralProcessModel model, Parameters parameters,
            double[][] contextX, double[][] contextY, double[] points, int samples, SplittableRandom random) {
        int functions = contextX.length;
        int c = model.contextPoints();
        int q = points.length;
        int l = model.latentDim();
        CompiledFunction f = workspace.compile("np-predictive-grid/" + id(model) + "/" + parameters.prefix()
                + functions + "x" + samples + "x" + q, List.of(TensorSpec.of(DType.FLOAT64, functions, c),
                        TensorSpec.of(DType.FLOAT64, functions, c), TensorSpec.of(DType.FLOAT64, functions, q),
                        TensorSpec.of(DType.FLOAT64, functions, samples, l)), (ops, in) -> {
                            Normal predictive = predictive(ops, model, parameters, in.get(0).cast(ops.floatType()),
                                    in.get(1).cast(ops.floatType()), in.get(3), in.get(2).cast(ops.floatType()));
                            return List.of(predictive.loc().cast(DType.FLOAT64),
                                    predictive.scale().cast(DType.FLOAT64));
                        });
        double[] cx = new double[functions * c];
        double[] cy = new double[functions * c];
        double[] grid = new double[functions * q];
        for (int i = 0; i < functions; i++) {
            System.arraycopy(contextX[i], 0, cx, i * c, c);
            System.arraycopy(contextY[i], 0, cy, i * c, c);
            System.arraycopy(points, 0, grid, i * q, q);
        }
        double[] eps = Gaussians.draws(random, functions * samples * l);
        List<DeviceArray> out = f.call(HostArray.of(Shape.of(functions, c), cx), HostArray.of(Shape.of(functions, c),
                cy), HostArray.of(Shape.of(functions, q), grid), HostArray.of(Shape.of(functions, samples, l), eps));
        try {
            return new Predictive(functions, samples, points.clone(), out.get(0).toHost().doubles(),
                    out.get(1).toHost().doubles());
        } finally {
            out.forEach(DeviceArray::close);
        }
    }

    /**
     * p(y | x, z_k) with z_k = μ + σ ε_k from the encoder on the context: for x [F, P] and ε [F, K, L], a Normal of
     * shape [F·K, P] (function-major).
     */
    private static Normal predictive(TensorOps ops, NeuralProcessModel model, Parameters parameters,
            Tensor contextX, Tensor contextY, Tensor eps, Tensor x) {
        Weights w = Weights.of(ops, parameters);
        long functions = contextX.dim(0);
        int samples = Math.toIntExact(eps.dim(1));
        int l = model.latentDim();
        Normal prior = model.latent(w, contextX, contextY);
        Tensor z = prior.loc().reshape(functions, 1, l).add(prior.scale().reshape(functions, 1, l)
                .mul(eps.cast(ops.floatType()))).reshape(functions * samples, l);
        return model.observation(w, repeat(x, samples), z);
    }

    /** Each row of m [F, P] repeated K times: [F·K, P]. */
    private static Tensor repeat(Tensor m, int times) {
        long rows = m.dim(0);
        long cols = m.dim(1);
        return m.reshape(rows, 1, cols).broadcastTo(Shape.of(rows, times, cols)).reshape(rows * times, cols);
    }

    private static String id(NeuralProcessModel model) {
        return Integer.toHexString(System.identityHashCode(model));
    }
}
