package org.alws.core.regress;

import com.google.auto.service.AutoService;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.regress.RegressorProvider;

/**
 * Registers the neural gradient model as the regressor plugin {@code neural}: ridge regression on learned network
 * features. It uses no kernel (the kernel argument is ignored).
 */
@AutoService(RegressorProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class NeuralRegressorProvider implements RegressorProvider<NeuralRegressorOptions> {
    @Override
    public String name() {
        return "neural";
    }

    @Override
    public String description() {
        return "ridge regression on the features of a network trained on held-out error (F x F solve)";
    }

    @Override
    public NeuralRegressorOptions defaultOptions() {
        return NeuralRegressorOptions.defaults();
    }

    @Override
    public Regressor create(NeuralRegressorOptions options, Kernel kernel) {
        return new NeuralRegressor(options);
    }
}
