package org.alws.core.regress;

import com.google.auto.service.AutoService;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.Regressor;
import org.alws.api.regress.RegressorProvider;

/** Registers exact kernel ridge regression as the regressor plugin {@code krr}, the default. */
@AutoService(RegressorProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class KernelRidgeProvider implements RegressorProvider<KernelRidgeOptions> {
    @Override
    public String name() {
        return "krr";
    }

    @Override
    public String description() {
        return "exact kernel ridge regression (Cholesky, shared by all targets), median-heuristic or learned bandwidth";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public KernelRidgeOptions defaultOptions() {
        return KernelRidgeOptions.defaults();
    }

    @Override
    public Regressor create(KernelRidgeOptions options, Kernel kernel) {
        return new KernelRidgeRegressor(options, kernel);
    }
}
