package org.alws.core.eval.image;

import java.util.Map;
import java.util.Objects;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.metric.Metric;

/**
 * The {@code fid} or {@code kid} metric: one figure of {@link ImageQuality}, with the classifier's test accuracy and
 * the figure's floor and noise ceiling.
 */
public final class ImageQualityMetric implements Metric {
    private final ImageQuality.Figure figure;
    private final ImageQualityOptions options;
    private final ImageQuality engine;

    /**
     * @param figure FID or KID
     * @param engine the shared work (normally {@link ImageQuality#shared()})
     */
    public ImageQualityMetric(ImageQuality.Figure figure, ImageQualityOptions options, ImageQuality engine) {
        this.figure = Objects.requireNonNull(figure, "figure");
        this.options = Objects.requireNonNull(options, "options");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) {
        return engine.evaluate(context, options, figure);
    }
}
