package org.alws.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.api.backend.Backend;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.OptimizerProvider;
import org.alws.api.metric.MetricProvider;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelProvider;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.KernelProvider;
import org.alws.api.regress.RegressorProvider;
import org.alws.core.config.OptionsBinder;
import org.alws.core.registry.PluginInfo;
import org.alws.core.registry.PluginRegistry;

/**
 * A run configuration checked against the installed plugins: every name resolved (defaults filled in), every option
 * bound to its plugin's options record and validated. Its {@link #config()} is fully explicit, which is what
 * config.json records.
 */
public final class ResolvedRun {

    /**
     * One resolved plugin.
     *
     * @param info the registry entry (name, version, source JAR)
     * @param provider the provider
     * @param options its validated options
     */
    public record Component<P>(PluginInfo info, P provider, Record options) {
        public String name() {
            return info.name();
        }
    }

    private final RunConfig config;
    private final Component<Backend> backend;
    private final Component<ModelProvider<?>> model;
    private final Component<DatasetProvider<?>> data;
    private final Component<LearnerProvider<?>> learner;
    private final Component<RegressorProvider<?>> regressor;
    private final Component<KernelProvider<?>> kernel;
    private final Component<OptimizerProvider<?>> optimizer;
    private final List<Component<MetricProvider<?>>> metrics;

    private ResolvedRun(RunConfig config, Component<Backend> backend, Component<ModelProvider<?>> model,
            Component<DatasetProvider<?>> data, Component<LearnerProvider<?>> learner,
            Component<RegressorProvider<?>> regressor, Component<KernelProvider<?>> kernel,
            Component<OptimizerProvider<?>> optimizer, List<Component<MetricProvider<?>>> metrics) {
        this.config = config;
        this.backend = backend;
        this.model = model;
        this.data = data;
        this.learner = learner;
        this.regressor = regressor;
        this.kernel = kernel;
        this.optimizer = optimizer;
        this.metrics = List.copyOf(metrics);
    }

    /**
     * Resolves {@code config} against {@code registry}.
     *
     * @throws org.alws.api.PluginException for an unknown or unavailable plugin
     * @throws ConfigException for an invalid option
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ResolvedRun resolve(PluginRegistry registry, RunConfig config) {
        Component<Backend> backend = component(registry, PluginKind.BACKEND, Backend.class,
                new PluginChoice(config.backend(), Map.of()));
        Component<ModelProvider<?>> model = (Component) component(registry, PluginKind.MODEL, ModelProvider.class,
                config.model());
        PluginChoice dataChoice = config.data();
        if (dataChoice.name() == null && registry.find(PluginKind.DATASET, model.name())
                .filter(PluginInfo::isAvailable).isPresent()) {
            dataChoice = dataChoice.withName(model.name());
        }
        Component<DatasetProvider<?>> data = (Component) component(registry, PluginKind.DATASET,
                DatasetProvider.class, dataChoice);
        Component<LearnerProvider<?>> learner = (Component) component(registry, PluginKind.LEARNER,
                LearnerProvider.class, config.learner());
        Component<RegressorProvider<?>> regressor = (Component) component(registry, PluginKind.REGRESSOR,
                RegressorProvider.class, config.regressor());
        Component<KernelProvider<?>> kernel = (Component) component(registry, PluginKind.KERNEL,
                KernelProvider.class, config.kernel());
        Component<OptimizerProvider<?>> optimizer = (Component) component(registry, PluginKind.OPTIMIZER,
                OptimizerProvider.class, config.optimizer());
        List<Component<MetricProvider<?>>> metrics = new ArrayList<>();
        for (PluginChoice m : config.metrics()) {
            if (m.name() == null) {
                throw new ConfigException("metrics", "every metric needs a name");
            }
            metrics.add((Component) component(registry, PluginKind.METRIC, MetricProvider.class, m));
        }
        List<PluginChoice> metricChoices = new ArrayList<>();
        for (Component<MetricProvider<?>> m : metrics) {
            metricChoices.add(explicit(m));
        }
        RunConfig explicit = new RunConfig(config.seed(), config.dtype(), backend.name(), explicit(model),
                explicit(data), explicit(learner), explicit(regressor), explicit(kernel), explicit(optimizer),
                metricChoices, config.training());
        return new ResolvedRun(explicit, backend, model, data, learner, regressor, kernel, optimizer, metrics);
    }

    private static PluginChoice explicit(Component<?> c) {
        return new PluginChoice(c.name(), OptionsBinder.toMap(c.options()));
    }

    private static <P> Component<P> component(PluginRegistry registry, PluginKind kind, Class<P> type,
            PluginChoice choice) {
        PluginInfo info = choice.name() == null ? registry.defaultInfo(kind) : registry.require(kind, choice.name());
        P provider = type.cast(info.provider());
        Record options = bind((Provider<?>) provider, choice.options());
        return new Component<>(info, provider, options);
    }

    private static <O extends Record> O bind(Provider<O> provider, Map<String, Object> values) {
        return OptionsBinder.bind(provider, values);
    }

    /** The explicit configuration: every plugin named, every option given. */
    public RunConfig config() {
        return config;
    }

    public Component<Backend> backend() {
        return backend;
    }

    public Component<ModelProvider<?>> model() {
        return model;
    }

    public Component<DatasetProvider<?>> data() {
        return data;
    }

    public Component<LearnerProvider<?>> learner() {
        return learner;
    }

    public Component<RegressorProvider<?>> regressor() {
        return regressor;
    }

    public Component<KernelProvider<?>> kernel() {
        return kernel;
    }

    public Component<OptimizerProvider<?>> optimizer() {
        return optimizer;
    }

    public List<Component<MetricProvider<?>>> metrics() {
        return metrics;
    }

    /** Every component with its kind, for provenance. */
    public Map<String, Component<?>> components() {
        Map<String, Component<?>> out = new LinkedHashMap<>();
        out.put("backend", backend);
        out.put("model", model);
        out.put("data", data);
        out.put("learner", learner);
        out.put("regressor", regressor);
        out.put("kernel", kernel);
        out.put("optimizer", optimizer);
        for (int i = 0; i < metrics.size(); i++) {
            out.put("metric" + i, metrics.get(i));
        }
        return out;
    }

    /** A new instance of the resolved model. */
    public GenerativeModel createModel() {
        return create(model.provider(), model.options(), ModelProvider::create);
    }

    /** The resolved data set, loaded or generated from {@code seeds}. */
    public DataSplits loadData(SeedStream seeds) {
        return create(data.provider(), data.options(), (p, o) -> p.load(o, seeds));
    }

    /** Calls a provider's factory with its options, which the resolution bound to the provider's own type. */
    @SuppressWarnings("unchecked")
    static <O extends Record, P extends Provider<O>, T> T create(P provider, Record options,
            java.util.function.BiFunction<P, O, T> factory) {
        return factory.apply(provider, (O) options);
    }
}
