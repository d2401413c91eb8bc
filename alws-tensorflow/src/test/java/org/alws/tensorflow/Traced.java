package org.alws.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/** Compiles a small body under a fresh name, calls it once and copies every output into Java memory. */
final class Traced {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Traced() {
    }

    /** All outputs of {@code body} applied to {@code inputs}. */
    static List<HostArray> run(Workspace ws, List<HostArray> inputs,
            BiFunction<TensorOps, List<Tensor>, List<Tensor>> body) {
        List<TensorSpec> specs = new ArrayList<>();
        for (HostArray a : inputs) {
            specs.add(TensorSpec.of(a));
        }
        CompiledFunction f = ws.compile("traced" + COUNTER.incrementAndGet(), specs, body::apply);
        return copy(f.call(inputs));
    }

    /** The single output of {@code body}. */
    static HostArray one(Workspace ws, List<HostArray> inputs, BiFunction<TensorOps, List<Tensor>, Tensor> body) {
        return run(ws, inputs, (ops, in) -> List.of(body.apply(ops, in))).get(0);
    }

    /** Copies and closes device arrays. */
    static List<HostArray> copy(List<DeviceArray> out) {
        List<HostArray> host = new ArrayList<>(out.size());
        for (DeviceArray d : out) {
            host.add(d.toHost());
            d.close();
        }
        return host;
    }
}
