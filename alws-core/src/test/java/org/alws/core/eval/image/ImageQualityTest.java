package org.alws.core.eval.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.Dataset;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Normal;
import org.alws.api.dist.Uniform;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.model.Trace;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fid and kid metrics end to end on small synthetic images: figures ordered as they must be, work shared between
 * the two metrics, the classifier cached on disk, a corrupt cache entry retrained, one-line errors.
 */
class ImageQualityTest {
    private static final int SIDE = 16;
    private static final Dataset TRAIN = SyntheticImages.labelled(300, SIDE, 21, true);
    private static final Dataset TEST = SyntheticImages.labelled(150, SIDE, 22, true);

    @TempDir
    Path cache;
    private final List<String> messages = new ArrayList<>();
    private Workspace runWorkspace;

    /** The evaluation context of a run. */
    private record Context(GenerativeModel model, Parameters modelParameters, Workspace workspace, Dataset data,
            Dataset trainingData, SeedStream seeds) implements EvaluationContext {
    }

    /** z ~ U(0, 1) picks one of the three classes' noiseless patterns; x ~ N(pattern, 0.2²). */
    private static final class PatternModel implements GenerativeModel {
        @Override
        public void run(Trace t) {
            int n = t.batchSize();
            Tensor z = t.sample("z", Uniform.of(t.ops().zeros(Shape.of(n, 1)), t.ops().ones(Shape.of(n, 1))));
            float[] patterns = new float[SyntheticImages.CLASSES * SIDE * SIDE];
            SplittableRandom fixed = new SplittableRandom(0);
            for (int c = 0; c < SyntheticImages.CLASSES; c++) {
                SyntheticImages.draw(c, SIDE, fixed, patterns, c * SIDE * SIDE);
            }
            Tensor templates = t.ops().constant(HostArray.ofFloats(Shape.of(SyntheticImages.CLASSES, SIDE * SIDE),
                    patterns)).cast(t.ops().floatType());
            Tensor first = z.lt(1.0 / 3).cast(t.ops().floatType());
            Tensor last = z.gt(2.0 / 3).cast(t.ops().floatType());
            Tensor middle = first.add(last).rsub(1.0);
            Tensor weights = t.ops().concat(1, List.of(first, middle, last));
            t.observe("x", Normal.of(weights.matmul(templates), 0.2));
        }
    }

    /** Every image is the same grey: x ~ N(0, 0.2²) pixel by pixel. */
    private static final class GreyModel implements GenerativeModel {
        @Override
        public void run(Trace t) {
            t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 1)), 1.0));
            t.observe("x", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), SIDE * SIDE)), 0.2));
        }
    }

    /** Pixels drawn from a categorical distribution, which has no mean. */
    private static final class CategoricalPixels implements GenerativeModel {
        @Override
        public void run(Trace t) {
            t.observe("x", Categorical.ofLogits(t.ops().zeros(Shape.of(t.batchSize(), SIDE * SIDE, 2))));
        }
    }

    /** Images of the wrong size. */
    private static final class SmallImages implements GenerativeModel {
        @Override
        public void run(Trace t) {
            t.observe("x", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 64)), 1.0));
        }
    }

    @BeforeEach
    void open() {
        runWorkspace = new TensorFlowBackend().open(WorkspaceOptions.defaults());
    }

    @AfterEach
    void close() {
        runWorkspace.close();
    }

    private ImageQuality engine() {
        return new ImageQuality(TensorFlowBackend::new, Map.of(), messages::add);
    }

    private ImageQualityOptions options() {
        return new ImageQualityOptions(200, ImageQualityOptions.Images.MEAN, 64, 4, 30, 3, cache.toString());
    }

    private EvaluationContext context(GenerativeModel model, Dataset train, Dataset test) {
        return new Context(model, new Parameters(runWorkspace, SeedStream.root(1).child("init"), "model/"),
                runWorkspace, test, train, SeedStream.root(1).child("evaluation").child("100"));
    }

    @Test
    void fidAndKidShareTheClassifierAndTheModelsFeaturesAndOrderModelsAsTheyMust() {
        ImageQuality engine = engine();
        EvaluationContext good = context(new PatternModel(), TRAIN, TEST);
        Map<String, Double> fid = engine.evaluate(good, options(), ImageQuality.Figure.FID);
        Map<String, Double> kid = engine.evaluate(good, options(), ImageQuality.Figure.KID);
        assertThat(engine.trainings()).isEqualTo(1);
        assertThat(engine.modelDraws()).as("fid and kid draw the model's images once").isEqualTo(1);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isEqualTo("training the image classifier of FID/KID on 300 images (30 Adam steps; "
                + "cached in " + cache.resolve(ClassifierCache.SUBDIRECTORY) + ")");
        assertThat(messages.get(1)).matches("image classifier trained in [0-9.]+ s: test accuracy "
                + String.format(java.util.Locale.ROOT, "%.4f", fid.get("classifier_accuracy")));
        assertThat(fid.keySet()).containsExactly("fid", "fid_floor", "fid_noise", "classifier_accuracy");
        assertThat(kid.keySet()).containsExactly("kid", "kid_stderr", "kid_floor", "kid_noise",
                "classifier_accuracy");
        assertThat(fid.get("classifier_accuracy")).isGreaterThanOrEqualTo(0.9).isEqualTo(kid.get(
                "classifier_accuracy"));
        assertThat(fid.get("fid_floor")).isLessThan(fid.get("fid_noise"));
        assertThat(kid.get("kid_floor")).isLessThan(kid.get("kid_noise"));
        assertThat(kid.get("kid_stderr")).isPositive();

        Map<String, Double> grey = engine.evaluate(context(new GreyModel(), TRAIN, TEST), options(),
                ImageQuality.Figure.FID);
        assertThat(engine.modelDraws()).isEqualTo(2);
        assertThat(grey.get("fid")).as("a model of grey images is worse than one of the classes' patterns")
                .isGreaterThan(fid.get("fid"));
        assertThat(grey.get("fid_floor")).isEqualTo(fid.get("fid_floor"));
        assertThat(fid.get("fid")).isGreaterThan(fid.get("fid_floor"));
    }

    @Test
    void aCachedClassifierIsLoadedWithoutTrainingAndGivesTheSameFigures() {
        EvaluationContext good = context(new PatternModel(), TRAIN, TEST);
        Map<String, Double> first = engine().evaluate(good, options(), ImageQuality.Figure.FID);
        ImageQuality fresh = engine();
        messages.clear();
        Map<String, Double> again = fresh.evaluate(good, options(), ImageQuality.Figure.FID);
        assertThat(fresh.trainings()).isZero();
        assertThat(messages).isEmpty();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aCorruptCacheEntryIsRetrainedWithAOneLineWarning() throws IOException {
        EvaluationContext good = context(new PatternModel(), TRAIN, TEST);
        Map<String, Double> first = engine().evaluate(good, options(), ImageQuality.Figure.KID);
        Path entry = new ClassifierCache(cache.resolve(ClassifierCache.SUBDIRECTORY), m -> { })
                .file(ClassifierCache.key(TRAIN, TEST, options().classifier()));
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(entry, bytes);
        ImageQuality fresh = engine();
        messages.clear();
        Map<String, Double> again = fresh.evaluate(good, options(), ImageQuality.Figure.KID);
        assertThat(fresh.trainings()).isEqualTo(1);
        assertThat(messages.get(0)).startsWith("warning: cached image classifier " + entry + " is unreadable (")
                .endsWith("); training it again").doesNotContain("\n");
        assertThat(again).as("training is deterministic").isEqualTo(first);
        messages.clear();
        assertThat(engine().evaluate(good, options(), ImageQuality.Figure.KID)).isEqualTo(first);
        assertThat(messages).as("the retrained classifier replaced the corrupt entry").isEmpty();
    }

    @Test
    void theCacheKeyDependsOnTheDataTheLabelsAndTheSettings() {
        String key = ClassifierCache.key(TRAIN, TEST, options().classifier());
        int[] labels = TRAIN.labels().orElseThrow();
        labels[0] = (labels[0] + 1) % SyntheticImages.CLASSES;
        Dataset relabelled = new ArrayDataset(TRAIN.all(), labels);
        assertThat(ClassifierCache.key(relabelled, TEST, options().classifier())).isNotEqualTo(key);
        assertThat(ClassifierCache.key(TRAIN, TEST, options().classifier().withSeed(4))).isNotEqualTo(key);
        assertThat(ClassifierCache.key(TRAIN, TEST, options().classifier().withSteps(2))).isNotEqualTo(key);
        assertThat(ClassifierCache.key(SyntheticImages.labelled(300, SIDE, 21, true), TEST, options().classifier()))
                .as("the same data in another object").isEqualTo(key);
    }

    @Test
    void noiseIsUniformOverThePixelRangeOrOverTheTwoValuesOfBinaryData() {
        HostArray noise = ImageQuality.noise(TRAIN, 50, 1);
        assertThat(noise.shape()).isEqualTo(Shape.of(50, SIDE * SIDE));
        double min = 1;
        double max = -1;
        for (int i = 0; i < noise.size(); i++) {
            min = Math.min(min, noise.get(i));
            max = Math.max(max, noise.get(i));
        }
        assertThat(min).isBetween(-1.0, -0.99);
        assertThat(max).isBetween(0.99, 1.0);
        float[] bits = new float[40];
        for (int i = 0; i < bits.length; i += 3) {
            bits[i] = 1;
        }
        Dataset binary = new ArrayDataset(HostArray.ofFloats(Shape.of(10, 4), bits), new int[10]);
        HostArray binaryNoise = ImageQuality.noise(binary, 100, 1);
        int ones = 0;
        for (int i = 0; i < binaryNoise.size(); i++) {
            assertThat(binaryNoise.get(i)).isIn(0.0, 1.0);
            ones += (int) binaryNoise.get(i);
        }
        assertThat(ones).isBetween(150, 250);
    }

    @Test
    void modelsAndDataTheMetricsCannotScoreAreOneLineErrors() {
        ImageQuality engine = engine();
        assertThatThrownBy(() -> engine.evaluate(context(new CategoricalPixels(), TRAIN, TEST), options(),
                ImageQuality.Figure.FID)).isInstanceOf(IncompatibleModelException.class)
                .hasMessage("FID and KID of mean images need the mean of the model's observed site 'x', but its "
                        + "Categorical has none; score full draws with --set metric.images=sample");
        assertThatThrownBy(() -> engine.evaluate(context(new SmallImages(), TRAIN, TEST), options(),
                ImageQuality.Figure.KID)).isInstanceOf(IncompatibleModelException.class)
                .hasMessage("FID and KID compare the model's images with the data's 16x16x1 images (256 values), "
                        + "but the model's observed site has shape [64] per draw");
        Dataset unlabelled = new ArrayDataset(TRAIN.all());
        assertThatThrownBy(() -> engine.evaluate(context(new PatternModel(), unlabelled, TEST), options(),
                ImageQuality.Figure.FID)).isInstanceOf(ConfigException.class)
                .hasMessage("the image classifier of FID and KID trains on class labels, but the training split of "
                        + "this data set has none; use a labelled image data set (e.g. fashion-mnist or mnist)");
    }

    @Test
    void fullDrawsCanBeScoredWhereMeansCannot() {
        ImageQualityOptions sample = new ImageQualityOptions(200, ImageQualityOptions.Images.SAMPLE, 64, 4, 30, 3,
                cache.toString());
        Map<String, Double> fid = engine().evaluate(context(new CategoricalPixels(), TRAIN, TEST), sample,
                ImageQuality.Figure.FID);
        assertThat(fid.get("fid")).isFinite().isPositive();
    }
}
