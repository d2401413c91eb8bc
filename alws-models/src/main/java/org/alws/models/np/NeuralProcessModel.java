package org.alws.models.np;

import java.util.List;
import org.alws.api.dist.Normal;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Guide;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.model.ProvidesGuide;
import org.alws.api.model.Trace;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * A neural process on one-dimensional functions, as a conditional generative model of the values y at T target
 * locations x given the values at the first C of them (the context):
 *
 * <pre>{@code
 * Tensor x = t.input("x", Shape.of(T));                        // [B, T], the first C are the context's
 * Tensor contextY = t.input("contextY", Shape.of(C));          // [B, C]
 * Tensor z = t.sample("z", latent(x[:, :C], contextY));        // [B, L], z ~ p(z | context)
 * t.observe("y", observation(x, z));                           // [B, T], y_t ~ N(mu_y(x_t, z), sigma_y(x_t, z)^2)
 * }</pre>
 *
 * <p>The encoder maps each pair (x_i, y_i) through three dense layers of H units (ReLU between them, the last
 * linear) to r_i, averages the r_i, and maps the average by one dense layer to μ and one to the scale's
 * pre-activation s: p(z | pairs) = N(μ, (0.1 + 0.9·sigmoid(s))²). The decoder maps each [x_t, z] through three dense
 * layers of H units with ReLU and one dense layer to (μ_y, s_y), with σ_y = 0.1 + 0.9·softplus(s_y). Weights start at
 * Glorot-uniform draws, biases at zero.
 *
 * <p>ALWS learns the conditional marginal p(y_T | x_T, context) = ∫ p(z | context) Π_t p(y_t | x_t, z) dz: its
 * sleep samples draw z from the conditional prior (not reparameterised), so the encoder is trained through the
 * score term. The model's {@linkplain #guide() guide} is the same encoder applied to all T pairs, q(z | context ∪
 * targets), declared in the model's namespace ({@link #sharesModelParameters()}), as a neural process trained on its
 * usual ELBO uses it. A data row is [y (T) | x (T) | contextY (C)], the layout of
 * {@link org.alws.api.model.ModelStructure#dataShape()}.
 */
public final class NeuralProcessModel implements GenerativeModel, ProvidesGuide {
    /** The latent site, [B, L]. */
    public static final String LATENT = "z";
    /** The observed site: the values at the target locations, [B, T]. */
    public static final String OBSERVED = "y";
    /** The input of the target locations, [B, T]; the first C are the context's. */
    public static final String TARGET_X = "x";
    /** The input of the context's values, [B, C]. */
    public static final String CONTEXT_Y = "contextY";
    /** The smallest scale of the latent and of the observation. */
    static final double MIN_SCALE = 0.1;
    /** Dense layers of the encoder before pooling, and of the decoder before its output layer. */
    static final int LAYERS = 3;

    private final int latentDim;
    private final int hidden;
    private final int contextPoints;
    private final int targetPoints;

    /**
     * Where the networks read their weights: {@code t::param} in a model or guide program, or
     * {@link #of(TensorOps, Parameters)} in a function traced directly on the model's parameters.
     */
    @FunctionalInterface
    interface Weights {
        /** The parameter {@code name}, created with {@code init} if it does not exist yet. */
        Tensor get(String name, Shape shape, Initializer init);

        /** The weights of {@code parameters} read in the function being traced by {@code ops}. */
        static Weights of(TensorOps ops, Parameters parameters) {
            return (name, shape, init) -> parameters.get(ops, name, shape, init);
        }
    }

    /** A model with the given (validated) options. */
    public NeuralProcessModel(NeuralProcessModelProvider.Options options) {
        this.latentDim = options.latentDim();
        this.hidden = options.hidden();
        this.contextPoints = options.contextPoints();
        this.targetPoints = options.targetPoints();
    }

    /** L, the dimension of z. */
    public int latentDim() {
        return latentDim;
    }

    /** H, the width of every hidden layer. */
    public int hidden() {
        return hidden;
    }

    /** C, the context points (the first C targets). */
    public int contextPoints() {
        return contextPoints;
    }

    /** T, the target points. */
    public int targetPoints() {
        return targetPoints;
    }

    /** The length of a data row, 2T + C: [y (T) | x (T) | contextY (C)]. */
    public int rowLength() {
        return 2 * targetPoints + contextPoints;
    }

    @Override
    public void run(Trace t) {
        Tensor x = t.input(TARGET_X, Shape.of(targetPoints));
        Tensor contextY = t.input(CONTEXT_Y, Shape.of(contextPoints));
        Tensor contextX = columns(t.ops(), x, 0, contextPoints);
        Tensor z = t.sample(LATENT, latent(t::param, contextX, contextY));
        t.observe(OBSERVED, observation(t::param, x, z));
    }

    /**
     * q(z | context ∪ targets): the conditional prior's encoder applied to all T pairs (x_t, y_t) of each data row,
     * with the model's parameter names.
     */
    @Override
    public Guide guide() {
        return (t, data) -> {
            if (data.shape().rank() != 2 || data.dim(1) != rowLength()) {
                throw new IllegalArgumentException("neural-process guide: data rows must be [y (" + targetPoints
                        + ") | x (" + targetPoints + ") | contextY (" + contextPoints + ")] of length " + rowLength()
                        + ", got shape " + data.shape());
            }
            Tensor rows = data.cast(t.ops().floatType());
            Tensor y = columns(t.ops(), rows, 0, targetPoints);
            Tensor x = columns(t.ops(), rows, targetPoints, targetPoints);
            t.sample(LATENT, latent(t::param, x, y));
        };
    }

    /** True: the guide is the model's own encoder. */
    @Override
    public boolean sharesModelParameters() {
        return true;
    }

    /**
     * The encoder: N(μ, (0.1 + 0.9·sigmoid(s))²) over z from the pairs (xs, ys), each [B, P] with P ≥ 1; [B, L].
     */
    Normal latent(Weights w, Tensor xs, Tensor ys) {
        TensorOps ops = xs.ops();
        long b = xs.dim(0);
        long p = xs.dim(1);
        Tensor h = ops.stack(-1, List.of(xs, ys)).reshape(b * p, 2);
        for (int i = 0; i < LAYERS; i++) {
            h = dense(w, "encoder/", String.valueOf(i), h, hidden);
            if (i < LAYERS - 1) {
                h = h.relu();
            }
        }
        Tensor r = h.reshape(b, p, hidden).mean(1);
        Tensor loc = dense(w, "encoder/", "Loc", r, latentDim);
        Tensor scale = dense(w, "encoder/", "Scale", r, latentDim).sigmoid().mul(1 - MIN_SCALE).add(MIN_SCALE);
        return Normal.of(loc, scale);
    }

    /**
     * The decoder: N(μ_y, σ_y²) at every location of x [B, P] given z [B, L], all B·P pairs [x_t, z] in one pass;
     * [B, P].
     */
    Normal observation(Weights w, Tensor x, Tensor z) {
        TensorOps ops = x.ops();
        long b = x.dim(0);
        long p = x.dim(1);
        Tensor zs = z.reshape(b, 1, latentDim).broadcastTo(Shape.of(b, p, latentDim));
        Tensor h = ops.concat(2, List.of(x.reshape(b, p, 1), zs)).reshape(b * p, 1 + latentDim);
        for (int i = 0; i < LAYERS; i++) {
            h = dense(w, "decoder/", String.valueOf(i), h, hidden).relu();
        }
        Tensor out = dense(w, "decoder/", "Out", h, 2).reshape(b, p, 2);
        Tensor loc = ops.slice(out, new long[] {0, 0, 0}, new long[] {b, p, 1}).reshape(b, p);
        Tensor scale = ops.slice(out, new long[] {0, 0, 1}, new long[] {b, p, 1}).reshape(b, p).softplus()
                .mul(1 - MIN_SCALE).add(MIN_SCALE);
        return Normal.of(loc, scale);
    }

    private static Tensor dense(Weights w, String net, String layer, Tensor h, int units) {
        Tensor weight = w.get(net + "w" + layer, Shape.of(h.dim(1), units), Initializer.glorotUniform());
        Tensor bias = w.get(net + "b" + layer, Shape.of(units), Initializer.zeros());
        return h.matmul(weight).add(bias);
    }

    /** Columns [from, from + count) of a matrix [B, n]. */
    static Tensor columns(TensorOps ops, Tensor m, int from, int count) {
        return ops.slice(m, new long[] {0, from}, new long[] {m.dim(0), count});
    }

    @Override
    public String toString() {
        return "neural-process(L=" + latentDim + ", H=" + hidden + ", C=" + contextPoints + ", T=" + targetPoints
                + ")";
    }
}
