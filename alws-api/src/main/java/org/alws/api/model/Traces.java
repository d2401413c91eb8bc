package org.alws.api.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.alws.api.dist.Distribution;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Runs model programs. One implementation serves every mode: sites with a given value are scored at it, the others
 * are drawn (each from its own stream, the function's seed offset by the site's position).
 */
public final class Traces {
    /** Seed offsets of consecutive sites are this far apart, leaving room for distributions that draw several times. */
    public static final long SITE_SEED_STRIDE = 1L << 20;

    private Traces() {
    }

    /** Draws every site: a joint sample of {@code batchSize} independent draws. */
    public static TraceResult sample(GenerativeModel model, TensorOps ops, Parameters parameters, int batchSize,
            Tensor seed) {
        return run(model, ops, parameters, batchSize, Map.of(), Objects.requireNonNull(seed, "seed"));
    }

    /** Scores given values of every site; the batch size is the values' first dimension. */
    public static TraceResult score(GenerativeModel model, TensorOps ops, Parameters parameters,
            Map<String, Tensor> values) {
        return run(model, ops, parameters, batchOf(values), values, null);
    }

    /**
     * Runs the program with some sites given and the rest drawn.
     *
     * @param seed the INT64[2] seed for the drawn sites; may be null only if every site is given
     */
    public static TraceResult run(GenerativeModel model, TensorOps ops, Parameters parameters, int batchSize,
            Map<String, Tensor> given, Tensor seed) {
        return run(model, ops, parameters, batchSize, given, seed, false, false);
    }

    /**
     * Like {@link #run(GenerativeModel, TensorOps, Parameters, int, Map, Tensor)}, but every drawn value is a
     * constant of the gradient. The log densities of the result, and their gradients with respect to the
     * parameters, are then those of {@link #score scoring} the drawn values: one pass serves as a draw and as the
     * log joint at it.
     */
    public static TraceResult runDetached(GenerativeModel model, TensorOps ops, Parameters parameters, int batchSize,
            Map<String, Tensor> given, Tensor seed) {
        return run(model, ops, parameters, batchSize, given, Objects.requireNonNull(seed, "seed"), false, true);
    }

    /**
     * Like {@link #run(GenerativeModel, TensorOps, Parameters, int, Map, Tensor)}, but inputs without a given value
     * are zeros of their declared shape: for tracing a program once to learn its structure.
     */
    static TraceResult inspect(GenerativeModel model, TensorOps ops, Parameters parameters, Tensor seed) {
        return run(model, ops, parameters, 1, Map.of(), seed, true, false);
    }

    private static TraceResult run(GenerativeModel model, TensorOps ops, Parameters parameters, int batchSize,
            Map<String, Tensor> given, Tensor seed, boolean zeroInputs, boolean detach) {
        Recorder r = new Recorder(ops, parameters, batchSize, given, seed, zeroInputs, detach);
        model.run(r);
        for (String name : given.keySet()) {
            if (!r.sites.containsKey(name) && !r.inputs.containsKey(name)) {
                throw new IllegalArgumentException(
                        "a value was given for '" + name + "' but the model has no such site; sites are "
                                + r.sites.keySet() + (r.inputs.isEmpty() ? "" : ", inputs " + r.inputs.keySet()));
            }
        }
        return new TraceResult(ops, batchSize, r.sites, r.inputs, r.parameterReads, r.factors);
    }

    private static int batchOf(Map<String, Tensor> values) {
        int batch = -1;
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Shape s = e.getValue().shape();
            if (s.rank() == 0) {
                throw new IllegalArgumentException("value of site '" + e.getKey() + "' has no batch axis");
            }
            int b = Math.toIntExact(s.dim(0));
            if (batch >= 0 && b != batch) {
                throw new IllegalArgumentException("site values disagree on the batch size: '" + e.getKey()
                        + "' has " + b + ", others have " + batch);
            }
            batch = b;
        }
        if (batch < 0) {
            throw new IllegalArgumentException("no values to score");
        }
        return batch;
    }

    private static final class Recorder implements Trace {
        private final TensorOps ops;
        private final Parameters parameters;
        private final int batchSize;
        private final Map<String, Tensor> given;
        private final Tensor seed;
        private final boolean zeroInputs;
        private final boolean detach;
        private final Map<String, Site> sites = new LinkedHashMap<>();
        private final Map<String, Tensor> inputs = new LinkedHashMap<>();
        private final Map<String, Tensor> parameterReads = new LinkedHashMap<>();
        private final Map<String, Tensor> factors = new LinkedHashMap<>();

        Recorder(TensorOps ops, Parameters parameters, int batchSize, Map<String, Tensor> given, Tensor seed,
                boolean zeroInputs, boolean detach) {
            this.ops = ops;
            this.zeroInputs = zeroInputs;
            this.detach = detach;
            this.parameters = parameters;
            this.batchSize = batchSize;
            this.given = given;
            this.seed = seed;
        }

        @Override
        public TensorOps ops() {
            return ops;
        }

        @Override
        public int batchSize() {
            return batchSize;
        }

        @Override
        public Tensor param(String name, Shape shape, Initializer init) {
            Tensor t = parameterReads.get(name);
            if (t == null) {
                t = parameters.get(ops, name, shape, init);
                parameterReads.put(name, t);
            } else if (!t.shape().equals(shape)) {
                throw new IllegalArgumentException(
                        "parameter '" + name + "' used with shapes " + t.shape() + " and " + shape);
            }
            return t;
        }

        @Override
        public Tensor sample(String name, Distribution d) {
            return site(name, SiteKind.LATENT, d);
        }

        @Override
        public Tensor input(String name, Shape eventShape) {
            checkUnused(name);
            Shape shape = eventShape.prepend(batchSize);
            Tensor value = given.get(name);
            if (value == null) {
                if (!zeroInputs) {
                    throw new IllegalArgumentException("the model conditions on input '" + name + "' " + eventShape
                            + " but no value was given for it");
                }
                value = ops.zeros(shape);
            } else if (!value.shape().equals(shape)) {
                throw new IllegalArgumentException("input '" + name + "': the given value has shape "
                        + value.shape() + " but the model declares " + shape);
            }
            value = value.cast(ops.floatType());
            inputs.put(name, value);
            return value;
        }

        private void checkUnused(String name) {
            if (sites.containsKey(name) || factors.containsKey(name) || inputs.containsKey(name)) {
                throw new IllegalArgumentException("the name '" + name + "' is used twice in the model program");
            }
        }

        @Override
        public Tensor observe(String name, Distribution d) {
            return site(name, SiteKind.OBSERVED, d);
        }

        @Override
        public void factor(String name, Tensor logDensity) {
            checkUnused(name);
            if (logDensity.shape().rank() != 0) {
                throw new IllegalArgumentException(
                        "factor '" + name + "' must be a scalar, has shape " + logDensity.shape());
            }
            factors.put(name, logDensity);
        }

        private Tensor site(String name, SiteKind kind, Distribution d) {
            checkUnused(name);
            Shape shape = d.shape();
            if (shape.rank() == 0 || shape.dim(0) != batchSize) {
                throw new IllegalArgumentException("site '" + name + "': its " + d.name() + " has shape " + shape
                        + " but its first axis must be the batch of " + batchSize);
            }
            Tensor value = given.get(name);
            if (value != null) {
                if (!value.shape().equals(shape)) {
                    throw new IllegalArgumentException("site '" + name + "': the given value has shape "
                            + value.shape() + " but its " + d.name() + " has shape " + shape);
                }
                value = value.cast(d.dtype());
            } else {
                if (seed == null) {
                    throw new IllegalArgumentException("site '" + name + "' has no given value and no seed to draw it");
                }
                value = d.sample(ops.offsetSeed(seed, sites.size() * SITE_SEED_STRIDE));
                if (detach) {
                    value = value.stopGradient();
                }
            }
            sites.put(name, new Site(name, kind, d, value));
            return value;
        }
    }
}
