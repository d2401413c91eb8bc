package org.alws.core.regress;

import java.util.List;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of the neural-feature regressor.
 *
 * @param hidden the widths of the feature network's hidden layers
 * @param features F, the number of output features (the size of the ridge system)
 * @param activation the hidden layers' nonlinearity: tanh or relu
 * @param standardize whether each feature is standardised by its mean and standard deviation over the sleep inputs
 *     of the fit (the same affine map is applied to the queries)
 * @param ridge λ added to the diagonal of ΦᵀΦ (the learned ridge's starting value when {@code learnRidge} is on)
 * @param learnRidge whether log λ is learned with the network (ALWS's kernel step); off, λ stays at {@code ridge}
 */
public record NeuralRegressorOptions(
        @Doc("widths of the feature network's hidden layers") List<Integer> hidden,
        @Doc("F, output features of the network (the ridge system is F x F)") int features,
        @Doc("hidden-layer nonlinearity: tanh or relu") FeatureNetwork.Activation activation,
        @Doc("standardise each feature by its mean and deviation over the sleep inputs") boolean standardize,
        @Doc("ridge λ on the diagonal of ΦᵀΦ (starting value if learned)") double ridge,
        @Doc("learn log λ with the network on held-out error") boolean learnRidge) {

    public NeuralRegressorOptions {
        if (hidden == null) {
            throw new ConfigException("hidden", null, "a list of layer widths >= 1");
        }
        hidden = List.copyOf(hidden);
        for (Integer h : hidden) {
            if (h == null || h < 1) {
                throw new ConfigException("hidden", hidden, "a list of layer widths >= 1");
            }
        }
        Check.atLeast("features", features, 1);
        if (activation == null) {
            throw new ConfigException("activation", null, "one of tanh, relu");
        }
        Check.positive("ridge", ridge);
    }

    /** Two tanh hidden layers of 100, 100 features, no standardisation, ridge 1 learned. */
    public static NeuralRegressorOptions defaults() {
        return new NeuralRegressorOptions(List.of(100, 100), 100, FeatureNetwork.Activation.TANH, false, 1.0, true);
    }
}
