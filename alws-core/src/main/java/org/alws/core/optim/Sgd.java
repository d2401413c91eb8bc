package org.alws.core.optim;

import java.util.List;
import java.util.Map;
import org.alws.api.learn.Optimizer;
import org.alws.api.tensor.Tensor;

/**
 * Stochastic gradient descent with (optionally Nesterov) momentum: {@code v = mu v + g; x -= lr v} (Nesterov:
 * {@code x -= lr (g + mu v)}).
 */
public final class Sgd implements Optimizer {
    private final SgdOptions options;

    public Sgd(SgdOptions options) {
        this.options = options;
    }

    @Override
    public List<String> slotNames() {
        return options.momentum() > 0 ? List.of("velocity") : List.of();
    }

    @Override
    public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
        if (options.momentum() == 0) {
            return new Update(value.sub(gradient.mul(options.learningRate())), Map.of());
        }
        Tensor v = slots.get("velocity").mul(options.momentum()).add(gradient);
        Tensor direction = options.nesterov() ? gradient.add(v.mul(options.momentum())) : v;
        return new Update(value.sub(direction.mul(options.learningRate())), Map.of("velocity", v));
    }
}
