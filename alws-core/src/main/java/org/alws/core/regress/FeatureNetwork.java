package org.alws.core.regress;

import java.util.List;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.regress.RegressionContext;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * A multilayer perceptron from inputs [N, D] to features [N, F] whose weights live in a fit's
 * {@link RegressionContext#hyperParameters()} under {@code <name>/w<l>} and {@code <name>/b<l>} (layer l = 0, 1, …;
 * the last one is the linear output layer). Weights start Glorot-uniform and biases uniform on ±1/√fan-in
 * (the reference implementation's PyTorch default; zero biases would make every feature an odd function of the
 * inputs), drawn from the hyper-parameters' initialisation seeds, so two runs with the same seed start from the same
 * network. Hidden layers
 * apply the activation; the output layer is linear. The weights are created on first use with the input width of
 * that fit and are trained by whoever owns the hyper-parameters (ALWS's kernel step).
 */
public final class FeatureNetwork {
    /** The nonlinearity of the hidden layers. */
    public enum Activation {
        TANH, RELU;

        Tensor apply(Tensor x) {
            return this == TANH ? x.tanh() : x.relu();
        }
    }

    private final String name;
    private final List<Integer> hidden;
    private final int outputs;
    private final Activation activation;

    /**
     * @param name the prefix of the network's variables among the hyper-parameters
     * @param hidden the widths of the hidden layers (may be empty: a linear map)
     * @param outputs F, the number of output features
     * @param activation the hidden layers' nonlinearity
     */
    public FeatureNetwork(String name, List<Integer> hidden, int outputs, Activation activation) {
        this.name = name;
        this.hidden = List.copyOf(hidden);
        this.outputs = outputs;
        this.activation = activation;
    }

    /** F, the number of output features. */
    public int outputs() {
        return outputs;
    }

    /** The features of {@code inputs} [N, D], [N, F], in {@code inputs}' type, differentiable in the weights. */
    public Tensor apply(Tensor inputs, RegressionContext context) {
        TensorOps ops = context.ops();
        Parameters p = context.hyperParameters();
        Tensor h = inputs;
        long width = inputs.dim(1);
        int layers = hidden.size() + 1;
        for (int l = 0; l < layers; l++) {
            long next = l < hidden.size() ? hidden.get(l) : outputs;
            Tensor w = p.get(ops, name + "/w" + l, Shape.of(width, next), Initializer.glorotUniform())
                    .cast(inputs.dtype());
            double bound = 1 / Math.sqrt(width);
            Tensor b = p.get(ops, name + "/b" + l, Shape.of(next), Initializer.uniform(-bound, bound))
                    .cast(inputs.dtype());
            h = h.matmul(w).add(b.reshape(1, next));
            if (l < hidden.size()) {
                h = activation.apply(h);
            }
            width = next;
        }
        return h;
    }

    @Override
    public String toString() {
        return "mlp(" + hidden + " → " + outputs + ", " + activation.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
