package org.alws.api.plugin;

import org.alws.api.backend.Backend;
import org.alws.api.data.DatasetProvider;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.OptimizerProvider;
import org.alws.api.metric.MetricProvider;
import org.alws.api.model.ModelProvider;
import org.alws.api.preset.PresetProvider;
import org.alws.api.regress.KernelProvider;
import org.alws.api.regress.RegressorProvider;

/** The kinds of plugin, each discovered through its own service interface. */
public enum PluginKind {
    MODEL("model", ModelProvider.class),
    LEARNER("learner", LearnerProvider.class),
    REGRESSOR("regressor", RegressorProvider.class),
    KERNEL("kernel", KernelProvider.class),
    OPTIMIZER("optimizer", OptimizerProvider.class),
    DATASET("dataset", DatasetProvider.class),
    METRIC("metric", MetricProvider.class),
    BACKEND("backend", Backend.class),
    PRESET("preset", PresetProvider.class);

    private final String label;
    private final Class<?> serviceType;

    PluginKind(String label, Class<?> serviceType) {
        this.label = label;
        this.serviceType = serviceType;
    }

    /** Lower-case name used on the command line and in configuration files. */
    public String label() {
        return label;
    }

    /** The interface registered with {@link java.util.ServiceLoader} (and AutoService) for this kind. */
    public Class<?> serviceType() {
        return serviceType;
    }

    @Override
    public String toString() {
        return label;
    }
}
