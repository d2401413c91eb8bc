package org.alws.core.eval.image;

import com.google.auto.service.AutoService;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;

/** Registers the {@code kid} metric ({@link ImageQuality.Figure#KID}). */
@AutoService(MetricProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class KidProvider implements MetricProvider<ImageQualityOptions> {
    @Override
    public String name() {
        return ImageQuality.KID;
    }

    @Override
    public String description() {
        return "kernel inception distance (unbiased MMD^2, cubic polynomial kernel) of the model's images to the "
                + "test images on the penultimate features of a LeNet-style classifier trained on the data; also its "
                + "standard error, floor, noise ceiling and the classifier's test accuracy";
    }

    @Override
    public ImageQualityOptions defaultOptions() {
        return ImageQualityOptions.defaults();
    }

    @Override
    public Metric create(ImageQualityOptions options) {
        return new ImageQualityMetric(ImageQuality.Figure.KID, options, ImageQuality.shared());
    }
}
