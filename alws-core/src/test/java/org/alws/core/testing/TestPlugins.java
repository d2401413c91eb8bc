package org.alws.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.alws.api.plugin.Provider;
import org.alws.core.alws.AlwsProvider;
import org.alws.core.eval.ExactLogLikelihoodProvider;
import org.alws.core.kernel.GaussianKernelProvider;
import org.alws.core.optim.AdamProvider;
import org.alws.core.optim.SgdProvider;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.regress.KernelRidgeProvider;
import org.alws.tensorflow.TensorFlowBackend;

/** A registry of core's plugins, the TensorFlow backend and the test models, for tests. */
public final class TestPlugins {
    private TestPlugins() {
    }

    public static PluginRegistry registry(Provider<?>... more) {
        List<Provider<?>> all = new ArrayList<>(List.of(new TensorFlowBackend(), new AlwsProvider(),
                new KernelRidgeProvider(), new GaussianKernelProvider(), new AdamProvider(), new SgdProvider(),
                new ExactLogLikelihoodProvider(), new LinearGaussian.Provider(), new LinearGaussian.Data()));
        all.addAll(List.of(more));
        return PluginRegistry.of(all);
    }
}
