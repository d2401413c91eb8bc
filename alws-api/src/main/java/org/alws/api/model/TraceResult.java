package org.alws.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * What one run of a model program recorded: its sites in program order, the parameters it read and its factors.
 * The log-densities are symbolic tensors of the function being traced.
 */
public final class TraceResult {
    private final TensorOps ops;
    private final int batchSize;
    private final Map<String, Site> sites;
    private final Map<String, Tensor> inputs;
    private final Map<String, Tensor> parameters;
    private final Map<String, Tensor> factors;

    TraceResult(TensorOps ops, int batchSize, Map<String, Site> sites, Map<String, Tensor> inputs,
            Map<String, Tensor> parameters, Map<String, Tensor> factors) {
        this.ops = ops;
        this.batchSize = batchSize;
        this.sites = Collections.unmodifiableMap(new LinkedHashMap<>(sites));
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.factors = Collections.unmodifiableMap(new LinkedHashMap<>(factors));
    }

    public int batchSize() {
        return batchSize;
    }

    /** All sites by name, in program order. */
    public Map<String, Site> sites() {
        return sites;
    }

    public Site site(String name) {
        Site s = sites.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no site '" + name + "'; sites are " + sites.keySet());
        }
        return s;
    }

    public List<Site> latentSites() {
        List<Site> out = new ArrayList<>();
        for (Site s : sites.values()) {
            if (!s.isObserved()) {
                out.add(s);
            }
        }
        return out;
    }

    public List<Site> observedSites() {
        List<Site> out = new ArrayList<>();
        for (Site s : sites.values()) {
            if (s.isObserved()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The single observed site.
     *
     * @throws IncompatibleModelException if the program observes no site or several
     */
    public Site observed() {
        List<Site> obs = observedSites();
        if (obs.size() != 1) {
            throw new IncompatibleModelException("the model must observe exactly one site, it observes "
                    + obs.size() + (obs.isEmpty() ? "" : " " + obs.stream().map(Site::name).toList()));
        }
        return obs.get(0);
    }

    /** Parameter values read by the program, by local name. */
    /** The values of the inputs the program conditioned on, in program order. */
    public Map<String, Tensor> inputs() {
        return inputs;
    }

    public Map<String, Tensor> parameters() {
        return parameters;
    }

    /** Factor terms by name (scalars). */
    public Map<String, Tensor> factors() {
        return factors;
    }

    /** Sum of the latent sites' log-densities, shape [batch]. */
    public Tensor logPrior() {
        return sum(latentSites());
    }

    /** Sum of the observed sites' log-densities, shape [batch]. */
    public Tensor logLikelihood() {
        return sum(observedSites());
    }

    /** log p(z, x) of every draw, shape [batch] (factors excluded). */
    public Tensor logJoint() {
        return sum(new ArrayList<>(sites.values()));
    }

    /** The sum of all factors, a scalar (zero if there are none). */
    public Tensor factorTotal() {
        Tensor total = ops.scalar(0.0);
        for (Tensor f : factors.values()) {
            total = total.add(f);
        }
        return total;
    }

    private Tensor sum(List<Site> list) {
        Tensor total = ops.zeros(org.alws.api.tensor.Shape.of(batchSize));
        for (Site s : list) {
            total = total.add(s.logProb().cast(total.dtype()));
        }
        return total;
    }
}
