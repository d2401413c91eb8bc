package org.alws.core.regress;

import com.google.auto.service.AutoService;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.regress.RegressorProvider;

/** Registers Nyström kernel ridge regression as the regressor plugin {@code nystrom}. */
@AutoService(RegressorProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class NystromProvider implements RegressorProvider<NystromOptions> {
    @Override
    public String name() {
        return "nystrom";
    }

    @Override
    public String description() {
        return "Nyström kernel ridge regression on m inducing points (uniform or k-means++), λK_mm penalty";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public NystromOptions defaultOptions() {
        return NystromOptions.defaults();
    }

    @Override
    public Regressor create(NystromOptions options, Kernel kernel) {
        return new NystromRegressor(options, kernel);
    }
}
