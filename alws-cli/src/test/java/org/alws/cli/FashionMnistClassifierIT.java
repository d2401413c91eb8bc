package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.core.eval.image.ClassifierSettings;
import org.alws.core.eval.image.ImageClassifier;
import org.alws.models.image.data.FashionMnistDataProvider;
import org.alws.models.image.data.ImageDataOptions;
import org.alws.models.image.data.ImageScaling;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/**
 * The FID/KID feature classifier on the real Fashion-MNIST files reaches the test accuracy issue 5 asks for
 * (≥ 0.88), trained as the metrics train it (default settings) on the training split of {@code fashion-mnist-cpu}
 * (20,000 images) and tested on all 10,000 test images. Run by Failsafe in this module's Maven profile
 * {@code fashion-mnist-files}, active exactly when the Debian package's files exist.
 */
class FashionMnistClassifierIT {
    @Test
    void theFeatureClassifierReachesEightyEightPercentOnTheTestImages() {
        FashionMnistDataProvider provider = new FashionMnistDataProvider();
        ImageDataOptions options = new ImageDataOptions(FashionMnistDataProvider.DEFAULT_DIRECTORY,
                ImageScaling.CONTINUOUS, false, 20_000, 0, true);
        DataSplits d = provider.load(options, SeedStream.root(1).child("data"));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            ImageClassifier c = ImageClassifier.train(ws, d.train(), d.test(), ClassifierSettings.defaults());
            assertThat(d.test().size()).isEqualTo(10_000);
            assertThat(c.testAccuracy()).as("test accuracy").isGreaterThanOrEqualTo(0.88);
        }
    }
}
