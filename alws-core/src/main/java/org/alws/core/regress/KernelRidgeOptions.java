package org.alws.core.regress;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of exact kernel ridge regression.
 *
 * @param ridge λ added to the Gram matrix's diagonal (the learned ridge's starting value when
 *     {@code learnHyperparameters} is on)
 * @param bandwidth {@code median} (the median heuristic, recomputed on every fit) or a fixed positive length scale
 * @param bandwidthScale factor applied to the median-heuristic bandwidth
 * @param medianSubsample number of sleep inputs the median is taken over
 * @param learnHyperparameters whether the bandwidth's factor and the ridge are learned on held-out error (ALWS's
 *     kernel step); off, the median heuristic (or the fixed bandwidth) and the fixed ridge are used as they are
 * @param featureMap the feature map applied before the kernel (see {@link FeatureMaps#kinds()})
 * @param featureDimension the number of features of a feature map that has a choice (ignored by {@code identity})
 * @param featureStandardisation where the {@code projection} map's centring and scaling statistics come from: each
 *     batch's own ({@code batch}, the reference's), the sleep inputs' ({@code sleep}) or none ({@code none})
 */
public record KernelRidgeOptions(
        @Doc("ridge λ added to the Gram matrix's diagonal (starting value if learned)") double ridge,
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

    public KernelRidgeOptions {
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

    /** These options with the bandwidth rule and ridge given, the rest as in {@link #defaults()}. */
    public static KernelRidgeOptions of(double ridge, String bandwidth, double bandwidthScale, int medianSubsample) {
        KernelRidgeOptions d = defaults();
        return new KernelRidgeOptions(ridge, bandwidth, bandwidthScale, medianSubsample, d.learnHyperparameters(),
                d.featureMap(), d.featureDimension(), d.featureStandardisation());
    }

    /**
     * Ridge 1 with the median-heuristic bandwidth, not learned, on the inputs as they are. ALWS's regression targets
     * are noisy functions of x, and on the gradient-estimation study a ridge of 1 (relative to the kernel's unit
     * diagonal) gave the lowest and steadiest errors; 1e-3 (the reference code's default, meant to be learned)
     * overfits the noise.
     */
    public static KernelRidgeOptions defaults() {
        return new KernelRidgeOptions(1.0, Bandwidths.MEDIAN, 1.0, 256, false, FeatureMaps.IDENTITY, 100,
                FeatureStandardisation.BATCH);
    }

    /** These options with learning of the bandwidth factor and the ridge switched on or off. */
    public KernelRidgeOptions withLearnHyperparameters(boolean learn) {
        return new KernelRidgeOptions(ridge, bandwidth, bandwidthScale, medianSubsample, learn, featureMap,
                featureDimension, featureStandardisation);
    }

    /** These options with another feature map. */
    public KernelRidgeOptions withFeatureMap(String kind, int dimension) {
        return new KernelRidgeOptions(ridge, bandwidth, bandwidthScale, medianSubsample, learnHyperparameters, kind,
                dimension, featureStandardisation);
    }

    /** These options with another standardisation of projection features. */
    public KernelRidgeOptions withFeatureStandardisation(FeatureStandardisation standardisation) {
        return new KernelRidgeOptions(ridge, bandwidth, bandwidthScale, medianSubsample, learnHyperparameters,
                featureMap, featureDimension, standardisation);
    }
}
