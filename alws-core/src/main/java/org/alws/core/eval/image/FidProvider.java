package org.alws.core.eval.image;

import com.google.auto.service.AutoService;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;

/** Registers the {@code fid} metric ({@link ImageQuality.Figure#FID}). */
@AutoService(MetricProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class FidProvider implements MetricProvider<ImageQualityOptions> {
    @Override
    public String name() {
        return ImageQuality.FID;
    }

    @Override
    public String description() {
        return "Frechet inception distance of the model's images to the test images on the penultimate features of "
                + "a LeNet-style classifier trained on the data; also its floor, noise ceiling and the classifier's "
                + "test accuracy";
    }

    @Override
    public ImageQualityOptions defaultOptions() {
        return ImageQualityOptions.defaults();
    }

    @Override
    public Metric create(ImageQualityOptions options) {
        return new ImageQualityMetric(ImageQuality.Figure.FID, options, ImageQuality.shared());
    }
}
