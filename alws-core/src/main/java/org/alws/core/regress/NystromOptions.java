package org.alws.core.regress;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of Nyström kernel ridge regression ({@code nystrom}).
 *
 * @param inducingPoints m, the number of inducing points chosen among the N sleep inputs (1 ≤ m ≤ N; m > N is an
 *     error when the learner's N is known)
 * @param selection how the inducing points are chosen: {@code uniform} (a uniformly random subset, in the graph, from
 *     the fit's seed) or {@code kmeans++} (k-means++ seeding on the host, before each fit)
 * @param ridge λ of the regression (the learned ridge's starting value when {@code learnHyperparameters} is on)
 * @param bandwidth {@code median} (the median heuristic, recomputed on every fit) or a fixed positive length scale
 * @param bandwidthScale factor applied to the median-heuristic bandwidth
 * @param medianSubsample number of sleep inputs the median is taken over
 * @param learnHyperparameters whether the bandwidth's factor and the ridge are learned on held-out error (ALWS's
 *     kernel step); see {@link KernelScales}
 * @param featureMap the feature map applied before the kernel (see {@link FeatureMaps#kinds()})
 * @param featureDimension the number of features of a feature map that has a choice (ignored by {@code identity})
 * @param featureStandardisation where the {@code projection} map's centring and scaling statistics come from: each
 *     batch's own ({@code batch}, the reference's), the sleep inputs' ({@code sleep}) or none ({@code none})
 */
public record NystromOptions(
        @Doc("m, the number of inducing points among the sleep inputs, 1 <= m <= N") int inducingPoints,
        @Doc("how inducing points are chosen: uniform (random subset) or kmeans++ (k-means++ seeding on the host)")
        String selection,
        @Doc("ridge λ of the regression (starting value if learned)") double ridge,
        @Doc("'median' (median heuristic, per fit) or a fixed length scale > 0") String bandwidth,
        @Doc("factor applied to the median-heuristic bandwidth") double bandwidthScale,
        @Doc("number of sleep inputs the median distance is taken over") int medianSubsample,
        @Doc("learn log bandwidth factor and log ridge on held-out error (false: median heuristic, fixed ridge)")
        boolean learnHyperparameters,
        @Doc("feature map before the kernel: identity, network or projection") String featureMap,
        @Doc("output features of the feature map (ignored by identity)") int featureDimension,
        @Doc("standardisation of projection features: batch (each batch's own statistics), sleep (the sleep inputs'"
                + " statistics, for queries too) or none")
        FeatureStandardisation featureStandardisation) {

    /** The selection of a uniformly random subset. */
    public static final String UNIFORM = "uniform";
    /** The selection by k-means++ seeding. */
    public static final String KMEANS_PLUS_PLUS = "kmeans++";

    public NystromOptions {
        Check.atLeast("inducingPoints", inducingPoints, 1);
        Check.oneOf("selection", selection, UNIFORM, KMEANS_PLUS_PLUS);
        Check.positive("ridge", ridge);
        Bandwidths.parse("bandwidth", bandwidth);
        Check.positive("bandwidthScale", bandwidthScale);
        Check.atLeast("medianSubsample", medianSubsample, 2);
        Check.atLeast("featureDimension", featureDimension, 1);
        if (featureStandardisation == null) {
            throw new org.alws.api.ConfigException("featureStandardisation", null, "one of batch, sleep, none");
        }
        FeatureMaps.create("featureMap", featureMap, featureDimension, featureStandardisation);
    }

    /**
     * 200 uniformly chosen inducing points (a fifth of ALWS's default N of 1,000, and fewer than the smallest budget of
     * {@code alws gradcheck}, 250; the gradient study uses m = 1,000 at N = 20,000), ridge 1 with the median-heuristic bandwidth (as exact kernel ridge regression's defaults), no feature map,
     * nothing learned.
     */
    public static NystromOptions defaults() {
        return new NystromOptions(200, UNIFORM, 1.0, Bandwidths.MEDIAN, 1.0, 256, false, FeatureMaps.IDENTITY, 100,
                FeatureStandardisation.BATCH);
    }

    /** These options with m inducing points chosen by {@code rule}. */
    public NystromOptions withInducingPoints(int m, String rule) {
        return new NystromOptions(m, rule, ridge, bandwidth, bandwidthScale, medianSubsample, learnHyperparameters,
                featureMap, featureDimension, featureStandardisation);
    }

    /** These options with another ridge and bandwidth rule. */
    public NystromOptions withRidgeAndBandwidth(double lambda, String rule) {
        return new NystromOptions(inducingPoints, selection, lambda, rule, bandwidthScale, medianSubsample,
                learnHyperparameters, featureMap, featureDimension, featureStandardisation);
    }

    /** These options with another feature map. */
    public NystromOptions withFeatureMap(String kind, int dimension) {
        return new NystromOptions(inducingPoints, selection, ridge, bandwidth, bandwidthScale, medianSubsample,
                learnHyperparameters, kind, dimension, featureStandardisation);
    }

    /** These options with learning of the bandwidth factor and the ridge switched on or off. */
    public NystromOptions withLearnHyperparameters(boolean learn) {
        return new NystromOptions(inducingPoints, selection, ridge, bandwidth, bandwidthScale, medianSubsample, learn,
                featureMap, featureDimension, featureStandardisation);
    }

    /** These options with another standardisation of projection features. */
    public NystromOptions withFeatureStandardisation(FeatureStandardisation standardisation) {
        return new NystromOptions(inducingPoints, selection, ridge, bandwidth, bandwidthScale, medianSubsample,
                learnHyperparameters, featureMap, featureDimension, standardisation);
    }
}
