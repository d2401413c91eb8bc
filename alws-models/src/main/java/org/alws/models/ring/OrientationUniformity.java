package org.alws.models.ring;

import java.util.Map;
import org.alws.api.DataException;
import org.alws.api.config.Check;
import org.alws.api.data.Dataset;
import org.alws.api.metric.EvaluationContext;
import org.alws.api.metric.Metric;
import org.alws.api.tensor.HostArray;

/**
 * How uniform the orientations of a model's images are: the mean images ({@link MeanImages}) of {@code samples}
 * joint draws, the {@link StructureTensor} orientation of each, and their {@link KolmogorovSmirnov} statistic against
 * U[0, π) ({@value #KS}). The same statistic of the first {@code samples} held-out images ({@value #DATA_KS}) shows
 * what the estimator gives on data whose orientations are uniform by construction. Applies to any model whose
 * observed site is a grayscale image of at least 5×5 pixels with a mean.
 */
public final class OrientationUniformity implements Metric {
    /** The metric's plugin name. */
    public static final String NAME = "orientation-ks";
    /** The statistic of the model's images. */
    public static final String KS = "orientation_ks";
    /** The statistic of the held-out images. */
    public static final String DATA_KS = "orientation_ks_data";

    private final int samples;

    /** @param samples the number of model images drawn, and of held-out images read (&gt;= 1) */
    public OrientationUniformity(int samples) {
        this.samples = Check.atLeast("samples", samples, 1);
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) {
        MeanImages.Draws model = MeanImages.sample(context.workspace(), context.model(), context.modelParameters(),
                samples, context.seeds().child(NAME));
        double ks = KolmogorovSmirnov.againstUniform(model.orientations(), 0, Math.PI);
        return Map.of(KS, ks, DATA_KS, KolmogorovSmirnov.againstUniform(dataOrientations(context.data(),
                model.height(), model.width()), 0, Math.PI));
    }

    /** The orientations of the first {@code samples} examples of {@code data}, images of the model's size. */
    private double[] dataOrientations(Dataset data, int height, int width) {
        int n = Math.min(samples, data.size());
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        HostArray images = data.examples(first);
        if (images.size() != n * height * width) {
            throw new DataException(NAME + ": the held-out examples have shape " + data.exampleShape()
                    + ", expected images of the model's " + height + "x" + width + " pixels");
        }
        return StructureTensor.orientations(images.doubles(), n, height, width);
    }
}
