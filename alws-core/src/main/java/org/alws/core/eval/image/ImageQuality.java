package org.alws.core.eval.image;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.alws.api.IncompatibleModelException;
import org.alws.api.StorageException;
import org.alws.api.backend.Backend;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.Dataset;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.Traces;
import org.alws.api.plugin.PluginKind;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.DataHash;

/**
 * The work behind the {@code fid} and {@code kid} metrics, shared within the process so that asking for both trains
 * or loads the classifier once, draws the model's images once and extracts their features once.
 *
 * <p>One evaluation: the classifier of the run's data (from memory, else from the {@link ClassifierCache}, else
 * trained and cached); the features of the first {@code samples} test images (the reference, kept in memory); the
 * floor (FID and KID of as many training images against the reference) and the noise ceiling ({@code samples}
 * images of independent uniform pixels over the training pixels' range, or over their two values if the data are
 * binary), computed once per classifier and sample count and cached with it; then {@code samples} model images
 * drawn in the run's workspace in batches (seeded from the evaluation's seed stream), their features, and the
 * figure asked for. The classifier and the distances run in a float32 workspace of their own, opened for the
 * evaluation and closed after it, so the run's workspace gains no variables and its checkpoints are unchanged.
 */
public final class ImageQuality {
    /** The Fréchet inception distance of the model's images. */
    public static final String FID = "fid";
    /** FID of training images against the test reference. */
    public static final String FID_FLOOR = "fid_floor";
    /** FID of uniform noise against the test reference. */
    public static final String FID_NOISE = "fid_noise";
    /** The kernel inception distance (unbiased MMD², cubic kernel, not scaled) of the model's images. */
    public static final String KID = "kid";
    /** KID's standard error over disjoint subsets. */
    public static final String KID_STDERR = "kid_stderr";
    /** KID of training images against the test reference. */
    public static final String KID_FLOOR = "kid_floor";
    /** KID of uniform noise against the test reference. */
    public static final String KID_NOISE = "kid_noise";
    /** The feature classifier's accuracy on the test split. */
    public static final String CLASSIFIER_ACCURACY = "classifier_accuracy";

    /** The figure a metric reports. */
    public enum Figure {
        /** {@value #FID}, with its floor and ceiling. */
        FID,
        /** {@value #KID}, with its standard error, floor and ceiling. */
        KID
    }

    private static final ImageQuality SHARED = new ImageQuality(ImageQuality::defaultBackend, System.getenv(),
            line -> System.err.println("alws: " + line));
    private static final int CLASSIFIERS_KEPT = 2;
    private static final Map<GenerativeModel, Long> MODEL_IDS = new WeakHashMap<>();
    private static final AtomicLong MODEL_COUNT = new AtomicLong();

    private final Supplier<Backend> backend;
    private final Map<String, String> environment;
    private final Consumer<String> messages;
    private final LinkedHashMap<String, ClassifierState> classifiers = new LinkedHashMap<>(4, 0.75f, true);
    private ModelKey lastModelKey;
    private ModelState lastModel;
    private int trainings;
    private int modelDraws;

    /**
     * @param backend opens the workspace of the classifier and the distances
     * @param environment read for {@value ClassifierCache#ENVIRONMENT_VARIABLE}
     * @param messages receives one line when a classifier is trained and when a cache entry is unusable
     */
    public ImageQuality(Supplier<Backend> backend, Map<String, String> environment, Consumer<String> messages) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.environment = Map.copyOf(environment);
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** The instance the metric plugins share: the registry's default backend, messages to standard error. */
    public static ImageQuality shared() {
        return SHARED;
    }

    /** How many classifiers this instance has trained (not loaded), for tests. */
    synchronized int trainings() {
        return trainings;
    }

    /** How many times this instance has drawn a model's images, for tests. */
    synchronized int modelDraws() {
        return modelDraws;
    }

    /**
     * The figure asked for, with the classifier's test accuracy and the floor and ceiling of the figure.
     *
     * @throws org.alws.api.ConfigException if the data set has no labels or its examples are not images
     * @throws IncompatibleModelException if the model's observed site is not an image of the data's size, or has
     *     no mean when mean images are asked for
     */
    public synchronized Map<String, Double> evaluate(EvaluationContext context, ImageQualityOptions options,
            Figure figure) {
        Dataset train = context.trainingData();
        Dataset test = context.data();
        ImageGeometry geometry = ImageGeometry.of(train.exampleShape());
        ClassifierSettings settings = options.classifier();
        String key = ClassifierCache.key(train, test, settings);
        ClassifierCache cache = new ClassifierCache(ClassifierCache.directory(options.cacheDir(), environment),
                messages);
        try (Workspace ws = backend.get().open(WorkspaceOptions.defaults())) {
            ClassifierState state = classifier(ws, cache, key, settings, train, test);
            int referenceCount = Math.min(options.samples(), test.size());
            int smallestSet = Math.min(referenceCount, Math.min(options.samples(), train.size()));
            int subsets = Math.max(1, Math.min(options.kidSubsets(), smallestSet / 2));
            Reference reference = state.reference(ws, test, referenceCount);
            Map<String, Double> baselines = baselines(ws, cache, key, state, reference, train, options, subsets);
            ModelState model = model(ws, context, options, geometry, state, key);
            Map<String, Double> out = new LinkedHashMap<>();
            if (figure == Figure.FID) {
                out.put(FID, model.fid(reference));
                out.put(FID_FLOOR, baselines.get(FID_FLOOR));
                out.put(FID_NOISE, baselines.get(FID_NOISE));
            } else {
                KernelDistance.Result kid = model.kid(ws, reference, subsets);
                out.put(KID, kid.kid());
                out.put(KID_STDERR, kid.standardError());
                out.put(KID_FLOOR, baselines.get(KID_FLOOR));
                out.put(KID_NOISE, baselines.get(KID_NOISE));
            }
            out.put(CLASSIFIER_ACCURACY, state.entry.classifier().testAccuracy());
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------------ classifier

    private ClassifierState classifier(Workspace ws, ClassifierCache cache, String key, ClassifierSettings settings,
            Dataset train, Dataset test) {
        ClassifierState state = classifiers.get(key);
        if (state != null) {
            return state;
        }
        ClassifierCache.Entry entry = cache.load(key, settings).orElse(null);
        if (entry == null) {
            messages.accept("training the image classifier of FID/KID on " + train.size() + " images ("
                    + settings.steps() + " Adam steps; cached in " + cache.directory() + ")");
            long start = System.nanoTime();
            ImageClassifier c = ImageClassifier.train(ws, train, test, settings);
            trainings++;
            messages.accept(String.format(java.util.Locale.ROOT, "image classifier trained in %.1f s: test "
                    + "accuracy %.4f", (System.nanoTime() - start) / 1e9, c.testAccuracy()));
            entry = new ClassifierCache.Entry(c, Map.of());
            store(cache, key, entry);
        }
        state = new ClassifierState(entry);
        classifiers.put(key, state);
        while (classifiers.size() > CLASSIFIERS_KEPT) {
            classifiers.remove(classifiers.keySet().iterator().next());
        }
        return state;
    }

    private void store(ClassifierCache cache, String key, ClassifierCache.Entry entry) {
        try {
            cache.store(key, entry);
        } catch (StorageException e) {
            messages.accept("warning: " + e.getMessage() + "; the image classifier is not cached");
        }
    }

    /** A classifier in memory with the reference features computed with it. */
    private static final class ClassifierState {
        ClassifierCache.Entry entry;
        final Map<Integer, Reference> references = new HashMap<>();

        ClassifierState(ClassifierCache.Entry entry) {
            this.entry = entry;
        }

        Reference reference(Workspace ws, Dataset test, int count) {
            return references.computeIfAbsent(count, n ->
                    new Reference(entry.classifier().features(ws, first(test, n))));
        }
    }

    /** Features of a set of images with their Gaussian statistics and KID blocks, each computed once. */
    private static class Reference {
        final Features features;
        private GaussianStatistics statistics;
        private final Map<Integer, KernelDistance.Prepared> prepared = new HashMap<>();

        Reference(Features features) {
            this.features = features;
        }

        GaussianStatistics statistics() {
            if (statistics == null) {
                statistics = GaussianStatistics.of(features);
            }
            return statistics;
        }

        KernelDistance.Prepared prepared(Workspace ws, int subsets) {
            return prepared.computeIfAbsent(subsets, s -> KernelDistance.prepare(ws, features, s));
        }

        boolean finite() {
            for (double v : features.values()) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }

        double fid(Reference reference) {
            return finite() ? FrechetDistance.between(statistics(), reference.statistics()) : Double.NaN;
        }

        KernelDistance.Result kid(Workspace ws, Reference reference, int subsets) {
            if (!finite()) {
                return new KernelDistance.Result(Double.NaN, Double.NaN, subsets);
            }
            return KernelDistance.between(ws, prepared(ws, subsets), reference.prepared(ws, subsets));
        }
    }

    // ------------------------------------------------------------------------------------------------ baselines

    private Map<String, Double> baselines(Workspace ws, ClassifierCache cache, String key, ClassifierState state,
            Reference reference, Dataset train, ImageQualityOptions options, int subsets) {
        int samples = options.samples();
        var known = state.entry.baselines(samples);
        if (known.isPresent() && known.get().keySet().containsAll(List.of(FID_FLOOR, FID_NOISE, KID_FLOOR,
                KID_NOISE))) {
            return known.get();
        }
        ImageClassifier c = state.entry.classifier();
        Reference floor = new Reference(c.features(ws, first(train, Math.min(samples, train.size()))));
        Reference noise = new Reference(c.features(ws, noise(train, samples, options.classifierSeed())));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(FID_FLOOR, floor.fid(reference));
        figures.put(FID_NOISE, noise.fid(reference));
        figures.put(KID_FLOOR, floor.kid(ws, reference, subsets).kid());
        figures.put(KID_NOISE, noise.kid(ws, reference, subsets).kid());
        state.entry = state.entry.withBaselines(samples, figures);
        store(cache, key, state.entry);
        return figures;
    }

    /**
     * {@code count} images of independent uniform pixels over the range of {@code train}'s pixels (over its two
     * values if it has only two, as binarised data do).
     */
    static HostArray noise(Dataset train, int count, long seed) {
        HostArray all = train.all();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean binary = true;
        for (int i = 0; i < all.size(); i++) {
            double v = all.get(i);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (int i = 0; i < all.size() && binary; i++) {
            double v = all.get(i);
            binary = v == lo || v == hi;
        }
        int pixels = Math.toIntExact(train.exampleShape().size());
        SplittableRandom random = SeedStream.root(seed).child("image-classifier").child("noise").random(0);
        float[] out = new float[count * pixels];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (binary ? (random.nextBoolean() ? hi : lo) : lo + (hi - lo) * random.nextDouble());
        }
        return HostArray.ofFloats(train.exampleShape().prepend(count), out);
    }

    private static HostArray first(Dataset data, int count) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        return data.examples(idx);
    }

    // ------------------------------------------------------------------------------------------------ the model

    /** What the model's images depend on; the model and the workspace by identity. */
    private record ModelKey(GenerativeModel model, Workspace workspace, String parameters, long seed,
            String seedPath, String classifier, int samples, ImageQualityOptions.Images images, int batchSize) {
    }

    /** The features of the model's images, with the figures computed from them (each once). */
    private static final class ModelState extends Reference {
        private final Map<String, Object> results = new HashMap<>();

        ModelState(Features features) {
            super(features);
        }

        @Override
        double fid(Reference reference) {
            return (Double) results.computeIfAbsent(FID, k -> super.fid(reference));
        }

        @Override
        KernelDistance.Result kid(Workspace ws, Reference reference, int subsets) {
            return (KernelDistance.Result) results.computeIfAbsent(KID + "/" + subsets,
                    k -> super.kid(ws, reference, subsets));
        }
    }

    private ModelState model(Workspace ws, EvaluationContext context, ImageQualityOptions options,
            ImageGeometry geometry, ClassifierState state, String classifierKey) {
        SeedStream seeds = context.seeds().child("image-quality");
        ModelKey key = new ModelKey(context.model(), context.workspace(),
                DataHash.sha256(context.modelParameters().values()), seeds.seed(0), seeds.path(), classifierKey,
                options.samples(), options.images(), options.batchSize());
        if (key.equals(lastModelKey)) {
            return lastModel;
        }
        HostArray images = modelImages(context, options, geometry, seeds);
        modelDraws++;
        lastModel = new ModelState(state.entry.classifier().features(ws, images));
        lastModelKey = key;
        return lastModel;
    }

    /** {@code samples} images of the model, [samples, H·W·C], float32. */
    private static HostArray modelImages(EvaluationContext context, ImageQualityOptions options,
            ImageGeometry geometry, SeedStream seeds) {
        int b = Math.min(options.batchSize(), options.samples());
        GenerativeModel model = context.model();
        Parameters parameters = context.modelParameters();
        boolean mean = options.images() == ImageQualityOptions.Images.MEAN;
        CompiledFunction f = context.workspace().compile("image-quality/" + modelId(model) + "/"
                + (mean ? "mean" : "sample") + "/" + parameters.prefix() + b, List.of(TensorSpec.of(DType.INT64, 2)),
                (ops, in) -> {
                    Site x = Traces.sample(model, ops, parameters, b, in.get(0)).observed();
                    Tensor images = x.value();
                    if (mean) {
                        try {
                            images = x.distribution().mean();
                        } catch (UnsupportedOperationException e) {
                            throw new IncompatibleModelException("FID and KID of mean images need the mean of the "
                                    + "model's observed site '" + x.name() + "', but its " + x.distribution().name()
                                    + " has none; score full draws with --set metric.images=sample");
                        }
                        if (!images.shape().equals(x.value().shape())) {
                            images = ops.broadcastTo(images, x.value().shape());
                        }
                    }
                    return List.of(images.cast(DType.FLOAT32));
                });
        Shape drawn = f.outputs().get(0).shape();
        int pixels = geometry.pixels();
        if (drawn.size() != (long) b * pixels) {
            throw new IncompatibleModelException("FID and KID compare the model's images with the data's "
                    + geometry + " images (" + pixels + " values), but the model's observed site has shape "
                    + drawn.tail(1) + " per draw");
        }
        int n = options.samples();
        float[] all = new float[n * pixels];
        for (int k = 0; (long) k * b < n; k++) {
            List<DeviceArray> out = f.call(seeds.statelessSeed(k));
            try {
                float[] batch = out.get(0).toHost().floats();
                int count = Math.min(b, n - k * b);
                System.arraycopy(batch, 0, all, k * b * pixels, count * pixels);
            } finally {
                out.forEach(DeviceArray::close);
            }
        }
        return HostArray.ofFloats(Shape.of(n, pixels), all);
    }

    /** A number for each model object, so that two models never share a compiled function of one workspace. */
    private static synchronized long modelId(GenerativeModel model) {
        return MODEL_IDS.computeIfAbsent(model, m -> MODEL_COUNT.incrementAndGet());
    }

    /** The registry's default backend, found with the thread's context class loader (the plugin loader of alws). */
    static Backend defaultBackend() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return PluginRegistry.discover(loader != null ? loader : ImageQuality.class.getClassLoader())
                .selectDefault(PluginKind.BACKEND, Backend.class);
    }

}
