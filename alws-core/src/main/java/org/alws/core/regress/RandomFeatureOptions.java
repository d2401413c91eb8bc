package org.alws.core.regress;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of ridge regression on random Fourier features ({@code rff}).
 *
 * @param features D, the number of random features (any count ≥ 1; D ≥ N solves the N × N system instead)
 * @param ridge λ added to the diagonal of ΦᵀΦ (equivalently of ΦΦᵀ); the learned ridge's starting value when
 *     {@code learnHyperparameters} is on
 * @param bandwidth {@code median} (the median heuristic, recomputed on every fit) or a fixed positive length scale
 * @param bandwidthScale factor applied to the median-heuristic bandwidth
 * @param medianSubsample number of sleep inputs the median is taken over
 * @param fixedFeatures false: fresh frequencies and phases on every fit, from the fit's seed; true: the same ones in
 *     every fit (drawn from a fixed seed)
 * @param learnHyperparameters whether the bandwidth's factor and the ridge are learned on held-out error (ALWS's
 *     kernel step); see {@link KernelScales}
 * @param featureMap the feature map applied before the kernel (see {@link FeatureMaps#kinds()})
 * @param featureDimension the number of features of a feature map that has a choice (ignored by {@code identity})
 * @param featureStandardisation where the {@code projection} map's centring and scaling statistics come from: each
 *     batch's own ({@code batch}, the reference's), the sleep inputs' ({@code sleep}) or none ({@code none})
 */
public record RandomFeatureOptions(
        @Doc("D, the number of random Fourier features, >= 1") int features,
        @Doc("ridge λ added to the diagonal of ΦᵀΦ (starting value if learned)") double ridge,
        @Doc("'median' (median heuristic, per fit) or a fixed length scale > 0") String bandwidth,
        @Doc("factor applied to the median-heuristic bandwidth") double bandwidthScale,
        @Doc("number of sleep inputs the median distance is taken over") int medianSubsample,
        @Doc("reuse the same random frequencies and phases in every fit (false: fresh ones per fit)")
        boolean fixedFeatures,
        @Doc("learn log bandwidth factor and log ridge on held-out error (false: median heuristic, fixed ridge)")
        boolean learnHyperparameters,
        @Doc("feature map before the kernel: identity, network or projection") String featureMap,
        @Doc("output features of the feature map (ignored by identity)") int featureDimension,
        @Doc("standardisation of projection features: batch (each batch's own statistics), sleep (the sleep inputs'"
                + " statistics, for queries too) or none")
        FeatureStandardisation featureStandardisation) {

    public RandomFeatureOptions {
        Check.atLeast("features", features, 1);
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
     * 2,000 fresh features per fit (the reference's image experiments), ridge 1 (as exact kernel ridge regression's
     * default) with the median-heuristic bandwidth, no feature map, nothing learned.
     */
    public static RandomFeatureOptions defaults() {
        return new RandomFeatureOptions(2000, 1.0, Bandwidths.MEDIAN, 1.0, 256, false, false, FeatureMaps.IDENTITY,
                100, FeatureStandardisation.BATCH);
    }

    /** These options with D random features. */
    public RandomFeatureOptions withFeatures(int count) {
        return new RandomFeatureOptions(count, ridge, bandwidth, bandwidthScale, medianSubsample, fixedFeatures,
                learnHyperparameters, featureMap, featureDimension, featureStandardisation);
    }

    /** These options with another ridge and bandwidth rule. */
    public RandomFeatureOptions withRidgeAndBandwidth(double lambda, String rule) {
        return new RandomFeatureOptions(features, lambda, rule, bandwidthScale, medianSubsample, fixedFeatures,
                learnHyperparameters, featureMap, featureDimension, featureStandardisation);
    }

    /** These options with fixed or fresh features. */
    public RandomFeatureOptions withFixedFeatures(boolean fixed) {
        return new RandomFeatureOptions(features, ridge, bandwidth, bandwidthScale, medianSubsample, fixed,
                learnHyperparameters, featureMap, featureDimension, featureStandardisation);
    }

    /** These options with another feature map. */
    public RandomFeatureOptions withFeatureMap(String kind, int dimension) {
        return new RandomFeatureOptions(features, ridge, bandwidth, bandwidthScale, medianSubsample, fixedFeatures,
                learnHyperparameters, kind, dimension, featureStandardisation);
    }

    /** These options with learning of the bandwidth factor and the ridge switched on or off. */
    public RandomFeatureOptions withLearnHyperparameters(boolean learn) {
        return new RandomFeatureOptions(features, ridge, bandwidth, bandwidthScale, medianSubsample, fixedFeatures,
                learn, featureMap, featureDimension, featureStandardisation);
    }

    /** These options with another standardisation of projection features. */
    public RandomFeatureOptions withFeatureStandardisation(FeatureStandardisation standardisation) {
        return new RandomFeatureOptions(features, ridge, bandwidth, bandwidthScale, medianSubsample, fixedFeatures,
                learnHyperparameters, featureMap, featureDimension, standardisation);
    }
}
