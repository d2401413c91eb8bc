package org.alws.models.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.dist.Distribution;
import org.alws.api.model.Initializer;
import org.alws.api.model.Trace;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * A {@link Trace} over {@link HostOps}: parameters are given (or initialised from a fixed generator), sites take
 * the given values or are drawn, and every site's distribution, value and elementwise log-density are recorded.
 */
public final class HostTrace implements Trace {

    /** What a site recorded. */
    public record Site(Distribution distribution, Tensor value, boolean observed) {
        /** The per-example log-density, summed over all axes but the first. */
        public double[] logProbPerExample() {
            return HostOps.values(distribution.logProb(value).sumTrailing());
        }
    }

    private final HostOps ops = new HostOps();
    private final int batch;
    private final Map<String, HostArray> parameters;
    private final Map<String, HostArray> given;
    private final Map<String, Shape> parameterShapes = new LinkedHashMap<>();
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private long draws;

    /**
     * @param batch the batch size
     * @param parameters parameter values by name (missing ones come from their initialiser)
     * @param given site values by name (missing sites are drawn)
     */
    public HostTrace(int batch, Map<String, HostArray> parameters, Map<String, HostArray> given) {
        this.batch = batch;
        this.parameters = parameters;
        this.given = given;
    }

    @Override
    public TensorOps ops() {
        return ops;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public Tensor param(String name, Shape shape, Initializer init) {
        parameterShapes.put(name, shape);
        HostArray v = parameters.get(name);
        if (v == null) {
            v = HostArray.of(shape, init.values(shape, new SplittableRandom(name.hashCode())));
        }
        if (!v.shape().equals(shape)) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + v.shape() + ", asked " + shape);
        }
        return ops.constant(v);
    }

    @Override
    public Tensor sample(String name, Distribution distribution) {
        return site(name, distribution, false);
    }

    @Override
    public Tensor observe(String name, Distribution distribution) {
        return site(name, distribution, true);
    }

    private Tensor site(String name, Distribution d, boolean observed) {
        if (sites.containsKey(name)) {
            throw new IllegalArgumentException("site " + name + " used twice");
        }
        if (d.shape().rank() == 0 || d.shape().dim(0) != batch) {
            throw new IllegalArgumentException("site " + name + " has shape " + d.shape() + ", batch " + batch);
        }
        HostArray v = given.get(name);
        Tensor value;
        if (v != null) {
            if (!v.shape().equals(d.shape())) {
                throw new IllegalArgumentException("site " + name + ": value " + v.shape() + ", dist " + d.shape());
            }
            value = ops.constant(v);
        } else {
            value = d.sample(ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {17, draws++})
                    .cast(DType.FLOAT64)));
        }
        sites.put(name, new Site(d, value, observed));
        return value;
    }

    @Override
    public void factor(String name, Tensor logDensity) {
        throw new UnsupportedOperationException("HostTrace: factor");
    }

    /** The sites recorded, in program order. */
    public Map<String, Site> sites() {
        return sites;
    }

    /** The parameters requested, with their shapes. */
    public Map<String, Shape> parameterShapes() {
        return parameterShapes;
    }

    /** log p(all sites) per example. */
    public double[] logJoint() {
        double[] total = new double[batch];
        for (Site s : sites.values()) {
            double[] lp = s.logProbPerExample();
            for (int i = 0; i < batch; i++) {
                total[i] += lp[i];
            }
        }
        return total;
    }
}
