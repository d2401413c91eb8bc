package org.alws.core.optim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.learn.Optimizer;
import org.alws.api.tensor.Tensor;

/**
 * Adam (Kingma and Ba, 2015) with bias correction: m and v are exponential moving averages of the gradient and its
 * square, and the step is {@code lr * m̂ / (sqrt(v̂) + eps)}. Without weight decay it declares itself Adam
 * ({@link #adam()}), so a backend with a fused Adam operation applies that instead of {@link #update}.
 */
public final class Adam implements Optimizer {
    private final AdamOptions options;

    public Adam(AdamOptions options) {
        this.options = options;
    }

    @Override
    public List<String> slotNames() {
        return List.of("m", "v");
    }

    /** Plain Adam is fused where the backend can; with weight decay (AdamW) the update is written out. */
    @Override
    public Optional<AdamSettings> adam() {
        if (options.weightDecay() > 0) {
            return Optional.empty();
        }
        return Optional.of(new AdamSettings(options.learningRate(), options.beta1(), options.beta2(),
                options.epsilon()));
    }

    @Override
    public Update update(Tensor value, Tensor gradient, Map<String, Tensor> slots, Tensor step) {
        double b1 = options.beta1();
        double b2 = options.beta2();
        Tensor m = slots.get("m").mul(b1).add(gradient.mul(1 - b1));
        Tensor v = slots.get("v").mul(b2).add(gradient.square().mul(1 - b2));
        Tensor s = step.cast(value.dtype());
        Tensor mHat = m.div(s.ops().scalar(b1, value.dtype()).pow(s).rsub(1.0));
        Tensor vHat = v.div(s.ops().scalar(b2, value.dtype()).pow(s).rsub(1.0));
        Tensor delta = mHat.div(vHat.sqrt().add(options.epsilon())).mul(options.learningRate());
        Tensor next = value.sub(delta);
        if (options.weightDecay() > 0) {
            next = next.sub(value.mul(options.learningRate() * options.weightDecay()));
        }
        return new Update(next, Map.of("m", m, "v", v));
    }
}
