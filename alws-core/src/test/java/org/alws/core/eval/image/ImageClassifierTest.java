package org.alws.core.eval.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.ConfigException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.Dataset;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/** The classifier learns separable classes, deterministically, from flattened or [H, W, 1] images of any size. */
class ImageClassifierTest {
    /** A classifier small enough to train in a fraction of a second. */
    static final ClassifierSettings SMALL = new ClassifierSettings(4, 8, 32, 16, 30, 30, 3e-3, 5);

    private static ImageClassifier train(Dataset train, Dataset test, ClassifierSettings settings) {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            return ImageClassifier.train(ws, train, test, settings);
        }
    }

    @Test
    void learnsSeparableClassesFromFlattenedImages() {
        ImageClassifier c = train(SyntheticImages.labelled(300, 16, 1, true),
                SyntheticImages.labelled(150, 16, 2, true), SMALL);
        assertThat(c.testAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(c.geometry()).isEqualTo(new ImageGeometry(16, 16, 1));
        assertThat(c.classes()).isEqualTo(SyntheticImages.CLASSES);
    }

    @Test
    void trainingTwiceFromOneSeedGivesBitIdenticalWeights() {
        Dataset train = SyntheticImages.labelled(120, 16, 3, true);
        Dataset test = SyntheticImages.labelled(30, 16, 4, true);
        ImageClassifier a = train(train, test, SMALL.withSteps(6));
        ImageClassifier b = train(train, test, SMALL.withSteps(6));
        ImageClassifier other = train(train, test, SMALL.withSteps(6).withSeed(6));
        assertThat(a.weights().keySet()).containsExactlyElementsOf(b.weights().keySet());
        a.weights().forEach((name, w) -> assertThat(b.weights().get(name)).as(name).isEqualTo(w));
        assertThat(other.weights().get("conv1/w")).isNotEqualTo(a.weights().get("conv1/w"));
    }

    @Test
    void imagesAndTheirFlattenedFormHaveTheSameFeatures() {
        ArrayDataset flat = SyntheticImages.labelled(60, 16, 7, true);
        ArrayDataset images = SyntheticImages.labelled(60, 16, 7, false);
        ImageClassifier c = train(images, images, SMALL.withSteps(2));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Features a = c.features(ws, flat.all());
            Features b = c.features(ws, images.all());
            assertThat(a.count()).isEqualTo(60);
            assertThat(a.dimension()).isEqualTo(SMALL.features());
            assertThat(a.values()).containsExactly(b.values());
            assertThat(c.accuracy(ws, flat.all(), flat.labels().orElseThrow())).isEqualTo(c.testAccuracy());
        }
    }

    @Test
    void imagesOfSidesThatAreNotMultiplesOfFourArePadded() {
        ImageClassifier c = train(SyntheticImages.labelled(300, 10, 8, true),
                SyntheticImages.labelled(60, 10, 9, true), SMALL.withSteps(50));
        assertThat(ImageClassifier.padded(10)).isEqualTo(16);
        assertThat(ImageClassifier.padded(28)).isEqualTo(28);
        assertThat(ImageClassifier.padded(30)).isEqualTo(32);
        assertThat(c.testAccuracy()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void examplesThatAreNotImagesOrHaveNoLabelsAreOneLineErrors() {
        assertThat(ImageGeometry.of(Shape.of(784))).isEqualTo(new ImageGeometry(28, 28, 1));
        assertThat(ImageGeometry.of(Shape.of(32, 32, 1))).isEqualTo(new ImageGeometry(32, 32, 1));
        assertThatThrownBy(() -> ImageGeometry.of(Shape.of(7))).isInstanceOf(ConfigException.class)
                .hasMessage("the image classifier needs image examples of shape [H, W, C], [H, W] or flattened [D] "
                        + "with D a perfect square; the data set's examples have shape [7]");
        Dataset unlabelled = new ArrayDataset(HostArray.ofFloats(Shape.of(4, 16), new float[64]));
        assertThatThrownBy(() -> train(unlabelled, unlabelled, SMALL)).isInstanceOf(ConfigException.class)
                .hasMessage("the image classifier of FID and KID trains on class labels, but the training split of "
                        + "this data set has none; use a labelled image data set (e.g. fashion-mnist or mnist)");
    }
}
