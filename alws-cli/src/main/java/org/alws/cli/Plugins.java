package org.alws.cli;

import java.util.Map;
import org.alws.api.backend.Backend;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.OptimizerProvider;
import org.alws.api.plugin.PluginKind;
import org.alws.api.regress.Kernel;
import org.alws.api.regress.KernelProvider;
import org.alws.api.regress.Regressor;
import org.alws.api.regress.RegressorProvider;
import org.alws.core.config.OptionsBinder;
import org.alws.core.registry.PluginRegistry;

/**
 * Builds plugin instances outside a training run (for {@code gradcheck} and {@code bench}): selects the provider by
 * name from the registry (or its default when the name is null), binds the options with {@link OptionsBinder} and
 * creates the instance, so that plugins added later work the same way.
 */
final class Plugins {
    private Plugins() {
    }

    /** The learner named {@code name} (or the default) with {@code options} over its defaults. */
    static Learner learner(PluginRegistry registry, String name, Map<String, Object> options) {
        LearnerProvider<?> p = select(registry, PluginKind.LEARNER, LearnerProvider.class, name);
        return createLearner(p, options);
    }

    /** The kernel named {@code name} (or the default) with {@code options} over its defaults. */
    static Kernel kernel(PluginRegistry registry, String name, Map<String, Object> options) {
        KernelProvider<?> p = select(registry, PluginKind.KERNEL, KernelProvider.class, name);
        return createKernel(p, options);
    }

    /** The regressor named {@code name} (or the default) with {@code options}, using {@code kernel}. */
    static Regressor regressor(PluginRegistry registry, String name, Map<String, Object> options, Kernel kernel) {
        RegressorProvider<?> p = select(registry, PluginKind.REGRESSOR, RegressorProvider.class, name);
        return createRegressor(p, options, kernel);
    }

    /** The optimiser named {@code name} (or the default) with {@code options} over its defaults. */
    static Optimizer optimizer(PluginRegistry registry, String name, Map<String, Object> options) {
        OptimizerProvider<?> p = select(registry, PluginKind.OPTIMIZER, OptimizerProvider.class, name);
        return createOptimizer(p, options);
    }

    /** The registry's default backend. */
    static Backend backend(PluginRegistry registry) {
        return registry.selectDefault(PluginKind.BACKEND, Backend.class);
    }

    /** The name of the plugin {@code name} stands for: itself, or the default's name when null. */
    static String resolveName(PluginRegistry registry, PluginKind kind, String name) {
        return name != null ? registry.require(kind, name).name() : registry.defaultInfo(kind).name();
    }

    @SuppressWarnings("unchecked")
    private static <P> P select(PluginRegistry registry, PluginKind kind, Class<?> type, String name) {
        Object p = name == null ? registry.selectDefault(kind, type) : registry.select(kind, type, name);
        return (P) p;
    }

    private static <O extends Record> Learner createLearner(LearnerProvider<O> p, Map<String, Object> options) {
        return p.create(OptionsBinder.bind(p, options));
    }

    private static <O extends Record> Kernel createKernel(KernelProvider<O> p, Map<String, Object> options) {
        return p.create(OptionsBinder.bind(p, options));
    }

    private static <O extends Record> Regressor createRegressor(RegressorProvider<O> p, Map<String, Object> options,
            Kernel kernel) {
        return p.create(OptionsBinder.bind(p, options), kernel);
    }

    private static <O extends Record> Optimizer createOptimizer(OptimizerProvider<O> p,
            Map<String, Object> options) {
        return p.create(OptionsBinder.bind(p, options));
    }
}
