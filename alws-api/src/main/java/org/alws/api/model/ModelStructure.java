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

/**
 * The sites and parameters of a model, found by tracing its program once: what learners and guides check before
 * training ("learner vae needs reparameterisable latents; site 'c' is Categorical").
 */
public record ModelStructure(List<SiteInfo> sites, Map<String, Shape> parameters, List<String> factors) {
    private static final java.util.concurrent.atomic.AtomicLong INSPECTIONS = new java.util.concurrent.atomic.AtomicLong();

    public ModelStructure {
        sites = List.copyOf(sites);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        factors = List.copyOf(factors);
    }

    /** Traces {@code model} once in the parameters' workspace (creating its parameters) and describes it. */
    public static ModelStructure inspect(GenerativeModel model, Parameters parameters) {
        List<ModelStructure> out = new ArrayList<>(1);
        parameters.workspace().compile("inspect/" + parameters.prefix() + INSPECTIONS.incrementAndGet(),
                List.of(TensorSpec.of(DType.INT64, 2)), (ops, inputs) -> {
                    out.add(of(Traces.sample(model, ops, parameters, 1, inputs.get(0))));
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
        return new ModelStructure(infos, params, new ArrayList<>(r.factors().keySet()));
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
}
