package org.alws.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Tensor;

/** Draws joint samples from a model at its current parameters, on the host. */
public final class ModelSamples {
    /** Site names of each compiled sampling function, in output order (its body runs only when first compiled). */
    private static final Map<CompiledFunction, List<String>> SITES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private ModelSamples() {
    }

    /** {@code count} joint draws: every site's values by name, each [count, ...]. */
    public static Map<String, HostArray> draw(Workspace workspace, GenerativeModel model, Parameters parameters,
            int count, SeedStream seeds) {
        List<String> names = new java.util.ArrayList<>();
        CompiledFunction f = workspace.compile("samples/" + parameters.prefix() + count,
                List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    TraceResult r = Traces.sample(model, ops, parameters, count, in.get(0));
                    List<Tensor> out = new java.util.ArrayList<>();
                    for (Site s : r.sites().values()) {
                        names.add(s.name());
                        out.add(s.value());
                    }
                    return out;
                });
        if (!names.isEmpty()) {
            SITES.put(f, List.copyOf(names));
        }
        List<String> order = SITES.get(f);
        List<DeviceArray> out = f.call(seeds.statelessSeed(0));
        try {
            Map<String, HostArray> values = new LinkedHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                values.put(order.get(i), out.get(i).toHost());
            }
            return values;
        } finally {
            out.forEach(DeviceArray::close);
        }
    }
}
