package org.alws.core.reconstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.alws.api.DataException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.SiteInfo;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.api.tensor.Value;

/**
 * MAP reconstruction: for each example x, ẑ = argmax_z log p(x, z) at the model's current parameters, found by
 * gradient ascent, and the reconstruction E[x | ẑ], the mean of the observed site's distribution at ẑ. Works for any
 * model whose latent sites are continuous (real, positive, unit interval, or a {@link org.alws.api.dist.Uniform}
 * box) and whose observed distribution has a mean.
 *
 * <p>Each latent is written as z = T(u) with u unconstrained ({@link Unconstrained}: identity, exp, sigmoid or a
 * scaled sigmoid), starting at u = 0 (z = 0, 1, 1/2 or the box's midpoint), and u ascends log p(x, T(u)) by Adam
 * (β1 = 0.9, β2 = 0.999, ε = 10⁻⁸) with a constant step size. <b>The Jacobian of T is not included</b>: the
 * objective is the joint density of z itself, so the maximiser is the mode of p(z | x) in z's coordinates, not in
 * u's; T only keeps z inside its support. Sigmoid-mapped u is kept in [−15, 15] and exp-mapped u in [−30, 30]; an update that is not finite leaves
 * u as it was. Factors (terms on the parameters alone) do not depend on z and are left out.
 *
 * <p>Examples are optimised in batches of {@link MapOptions#batchSize()} (examples are independent, so the batch
 * only sets how much work one call does); the model runs in its own workspace, with the Adam state kept in the
 * backend between steps. The parameters are read, never changed.
 */
public final class MapEstimator {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final AtomicLong IDS = new AtomicLong();

    private final Workspace workspace;
    private final GenerativeModel model;
    private final Parameters parameters;
    private final MapOptions options;
    private final List<SiteInfo> latents;
    private final SiteInfo observed;
    private final String name;

    /**
     * @param workspace the workspace holding the model's parameters
     * @param parameters the model's parameters
     * @throws IncompatibleModelException if the model has no latent site, a discrete one, or not exactly one
     *     observed site
     */
    public MapEstimator(Workspace workspace, GenerativeModel model, Parameters parameters, MapOptions options) {
        this.workspace = workspace;
        this.model = model;
        this.parameters = parameters;
        this.options = options;
        ModelStructure structure = ModelStructure.inspect(model, parameters);
        this.observed = structure.observed();
        this.latents = structure.latentSites();
        if (latents.isEmpty()) {
            throw new IncompatibleModelException("MAP reconstruction needs a model with latent sites; it has none");
        }
        latents.forEach(Unconstrained::check);
        this.name = "map/" + IDS.incrementAndGet() + "/";
    }

    public MapOptions options() {
        return options;
    }

    /**
     * MAP estimates of every example of {@code data}, [M] + the observed site's event shape.
     *
     * @throws DataException if the examples have another shape or a value that is not finite
     */
    public MapEstimate estimate(HostArray data) {
        Shape event = observed.eventShape();
        if (data.shape().rank() != event.rank() + 1 || !data.shape().tail(1).equals(event)) {
            throw new DataException("MAP reconstruction: the data have shape " + data.shape() + "; the model's "
                    + "observed site '" + observed.name() + "' needs [M] + " + event);
        }
        if (!data.allFinite()) {
            throw new DataException("MAP reconstruction: the data hold a value that is not finite");
        }
        int m = Math.toIntExact(data.shape().dim(0));
        List<double[]> reconstructions = new ArrayList<>();
        Map<String, List<double[]>> z = new LinkedHashMap<>();
        double[] logJoint = new double[m];
        for (int from = 0; from < m; from += options.batchSize()) {
            int to = Math.min(m, from + options.batchSize());
            List<HostArray> out = batch(data.rows(from, to).cast(observed.dtype()));
            reconstructions.add(out.get(0).doubles());
            System.arraycopy(out.get(1).doubles(), 0, logJoint, from, to - from);
            for (int i = 0; i < latents.size(); i++) {
                z.computeIfAbsent(latents.get(i).name(), k -> new ArrayList<>()).add(out.get(2 + i).doubles());
            }
        }
        Map<String, HostArray> latentValues = new LinkedHashMap<>();
        for (SiteInfo s : latents) {
            latentValues.put(s.name(), HostArray.of(s.eventShape().prepend(m), concat(z.get(s.name()))));
        }
        return new MapEstimate(HostArray.of(data.shape(), concat(reconstructions)), latentValues, logJoint);
    }

    private static double[] concat(List<double[]> parts) {
        int total = 0;
        for (double[] p : parts) {
            total += p.length;
        }
        double[] out = new double[total];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The ascent on one batch: reconstruction, log joint, then ẑ of each latent site. */
    private List<HostArray> batch(HostArray x) {
        int b = Math.toIntExact(x.shape().dim(0));
        int k = latents.size();
        DType floatType = workspace.floatType();
        CompiledFunction step = stepFunction(b);
        CompiledFunction finish = finishFunction(b);
        List<Value> state = new ArrayList<>();
        try (DeviceArray data = workspace.upload(x)) {
            for (int part = 0; part < 3; part++) {
                for (SiteInfo s : latents) {
                    state.add(HostArray.zeros(s.eventShape().prepend(b), floatType));
                }
            }
            for (int t = 1; t <= options.steps(); t++) {
                List<Value> in = new ArrayList<>(List.of(data, HostArray.of(Shape.scalar(), floatType,
                        new double[] {t})));
                in.addAll(state);
                List<DeviceArray> next = step.call(in);
                close(state);
                state = new ArrayList<>(next);
            }
            List<Value> in = new ArrayList<>(List.of(data));
            in.addAll(state.subList(0, k));
            List<HostArray> host = new ArrayList<>();
            for (DeviceArray d : finish.call(in)) {
                try (d) {
                    host.add(d.toHost().cast(DType.FLOAT64));
                }
            }
            return host;
        } finally {
            close(state);
        }
    }

    private static void close(List<Value> values) {
        for (Value v : values) {
            if (v instanceof DeviceArray d) {
                d.close();
            }
        }
    }

    private List<TensorSpec> specs(int b, boolean withTime, int copies) {
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(new TensorSpec(observed.eventShape().prepend(b), observed.dtype()));
        if (withTime) {
            specs.add(new TensorSpec(Shape.scalar(), workspace.floatType()));
        }
        for (int c = 0; c < copies; c++) {
            for (SiteInfo s : latents) {
                specs.add(new TensorSpec(s.eventShape().prepend(b), workspace.floatType()));
            }
        }
        return specs;
    }

    private Map<String, Tensor> byName(List<Tensor> values) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < latents.size(); i++) {
            out.put(latents.get(i).name(), values.get(i));
        }
        return out;
    }

    /** step(x, t, u..., m..., v...) -> u'..., m'..., v'...: one Adam ascent step on every latent. */
    private CompiledFunction stepFunction(int b) {
        int k = latents.size();
        return workspace.compile(name + "step", specs(b, true, 3), (ops, in) -> {
            Tensor t = in.get(1);
            List<Tensor> u = in.subList(2, 2 + k);
            UnconstrainedTrace trace = new UnconstrainedTrace(ops, parameters, byName(u), in.get(0));
            model.run(trace);
            List<Tensor> gradients = ops.gradients(trace.logJoint().sum(), u);
            Tensor correction1 = t.mul(Math.log(BETA1)).exp().rsub(1.0);
            Tensor correction2 = t.mul(Math.log(BETA2)).exp().rsub(1.0);
            List<Tensor> us = new ArrayList<>();
            List<Tensor> ms = new ArrayList<>();
            List<Tensor> vs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                Tensor ui = u.get(i);
                Tensor g = finiteOrZero(ops, gradients.get(i));
                Tensor m = in.get(2 + k + i).mul(BETA1).add(g.mul(1 - BETA1));
                Tensor v = in.get(2 + 2 * k + i).mul(BETA2).add(g.square().mul(1 - BETA2));
                Tensor update = m.div(correction1).mul(options.learningRate())
                        .div(v.div(correction2).sqrt().add(EPSILON));
                Tensor next = Unconstrained.clamp(latents.get(i).support(), ui.add(update));
                us.add(ops.where(next.isFinite(), next, ui));
                ms.add(m);
                vs.add(v);
            }
            List<Tensor> out = new ArrayList<>(us);
            out.addAll(ms);
            out.addAll(vs);
            return out;
        });
    }

    private static Tensor finiteOrZero(TensorOps ops, Tensor g) {
        return ops.where(g.isFinite(), g, ops.zeros(g.shape()).cast(g.dtype()));
    }

    /** finish(x, u...) -> E[x | z], log p(x, z), z...: the reconstruction at the latents. */
    private CompiledFunction finishFunction(int b) {
        int k = latents.size();
        return workspace.compile(name + "finish", specs(b, false, 1), (ops, in) -> {
            UnconstrainedTrace trace = new UnconstrainedTrace(ops, parameters, byName(in.subList(1, 1 + k)),
                    in.get(0));
            model.run(trace);
            Tensor mean;
            try {
                mean = trace.observed().mean();
            } catch (UnsupportedOperationException e) {
                throw new IncompatibleModelException("MAP reconstruction needs the mean of the observed site '"
                        + observed.name() + "', but its " + trace.observed().name() + " has none");
            }
            // Each output gets its own node: the mean may be a latent itself (x ~ N(z, σ²)).
            List<Tensor> out = new ArrayList<>(List.of(ops.stopGradient(mean.cast(ops.floatType())),
                    ops.stopGradient(trace.logJoint())));
            for (SiteInfo s : latents) {
                out.add(ops.stopGradient(trace.latents().get(s.name()).cast(ops.floatType())));
            }
            return out;
        });
    }
}
