package org.alws.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.TensorSpec;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * The sites, inputs and parameters of a model, found by tracing its program once: what learners and guides check
 * before training ("learner vae needs reparameterisable latents; site 'c' is Categorical").
 *
 * @param inputs the event shape of each {@linkplain Trace#input conditioning input}, in program order
 */
public record ModelStructure(List<SiteInfo> sites, Map<String, Shape> parameters, List<String> factors,
        Map<String, Shape> inputs) {
    private static final java.util.concurrent.atomic.AtomicLong INSPECTIONS = new java.util.concurrent.atomic.AtomicLong();

    public ModelStructure {
        sites = List.copyOf(sites);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        factors = List.copyOf(factors);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** Traces {@code model} once in the parameters' workspace (creating its parameters) and describes it. */
    public static ModelStructure inspect(GenerativeModel model, Parameters parameters) {
        List<ModelStructure> out = new ArrayList<>(1);
        parameters.workspace().compile("inspect/" + parameters.prefix() + INSPECTIONS.incrementAndGet(),
                List.of(TensorSpec.of(DType.INT64, 2)), (ops, inputs) -> {
                    out.add(of(Traces.inspect(model, ops, parameters, inputs.get(0))));
                    return List.<Tensor>of(inputs.get(0));
                });
        return out.get(0);
    }

    /** Describes a recorded run. */
    public static ModelStructure of(TraceResult r) {
        List<SiteInfo> infos = new ArrayList<>();
        for (Site s : r.sites().values()) {
            infos.add(SiteInfo.of(s));
        }
        Map<String, Shape> params = new LinkedHashMap<>();
        r.parameters().forEach((k, v) -> params.put(k, v.shape()));
        Map<String, Shape> inputs = new LinkedHashMap<>();
        r.inputs().forEach((k, v) -> inputs.put(k, v.shape().tail(1)));
        return new ModelStructure(infos, params, new ArrayList<>(r.factors().keySet()), inputs);
    }

    public List<SiteInfo> latentSites() {
        return sites.stream().filter(s -> s.kind() == SiteKind.LATENT).toList();
    }

    public List<SiteInfo> observedSites() {
        return sites.stream().filter(s -> s.kind() == SiteKind.OBSERVED).toList();
    }

    /**
     * The single observed site.
     *
     * @throws IncompatibleModelException if there is none or several
     */
    public SiteInfo observed() {
        List<SiteInfo> obs = observedSites();
        if (obs.size() != 1) {
            throw new IncompatibleModelException("the model must observe exactly one site, it observes "
                    + obs.size() + (obs.isEmpty() ? "" : " " + obs.stream().map(SiteInfo::name).toList()));
        }
        return obs.get(0);
    }

    /** Whether the model conditions on inputs that come with the data. */
    public boolean conditional() {
        return !inputs.isEmpty();
    }

    /**
     * The shape of one data example: the observed site's event shape, or, for a conditional model, a vector of the
     * observation followed by each input in program order, all flattened.
     */
    public Shape dataShape() {
        if (!conditional()) {
            return observed().eventShape();
        }
        long size = observed().eventShape().size();
        for (Shape s : inputs.values()) {
            size += s.size();
        }
        return Shape.of(size);
    }

    /**
     * The site and input values of a data batch [B] + {@link #dataShape()}: the observed site's value under its name,
     * then each input's under its own (a batch of an unconditional model maps to itself).
     */
    public Map<String, Tensor> splitData(TensorOps ops, Tensor data) {
        SiteInfo obs = observed();
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (!conditional()) {
            out.put(obs.name(), data);
            return out;
        }
        long b = data.dim(0);
        long at = 0;
        long size = obs.eventShape().size();
        out.put(obs.name(), ops.slice(data, new long[] {0, at}, new long[] {b, size}).reshape(obs.eventShape()
                .prepend(b)));
        at += size;
        for (Map.Entry<String, Shape> e : inputs.entrySet()) {
            size = e.getValue().size();
            out.put(e.getKey(), ops.slice(data, new long[] {0, at}, new long[] {b, size}).reshape(e.getValue()
                    .prepend(b)));
            at += size;
        }
        return out;
    }
}
