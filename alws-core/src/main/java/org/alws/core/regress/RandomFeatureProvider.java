package org.alws.core.regress;

import com.google.auto.service.AutoService;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.regress.RegressorProvider;

/** Registers ridge regression on random Fourier features as the regressor plugin {@code rff}. */
@AutoService(RegressorProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class RandomFeatureProvider implements RegressorProvider<RandomFeatureOptions> {
    @Override
    public String name() {
        return "rff";
    }

    @Override
    public String description() {
        return "ridge regression on D random Fourier features of a shift-invariant kernel (D x D or N x N solve,"
                + " whichever is smaller)";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public RandomFeatureOptions defaultOptions() {
        return RandomFeatureOptions.defaults();
    }

    @Override
    public Regressor create(RandomFeatureOptions options, Kernel kernel) {
        return new RandomFeatureRegressor(options, kernel);
    }
}
