package org.alws.core.eval.image;

import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of the {@code fid} and {@code kid} metrics (one record for both, so {@code --set metric.samples=N} sets
 * both and they share their work).
 *
 * @param samples model images drawn; the reference is the first {@code samples} test images (all of them if the
 *     test split is smaller), the floor as many training images, the ceiling {@code samples} noise images
 * @param images the model's images: the mean of the observed site given a drawn latent, or a full draw
 * @param batchSize model images per sampling call
 * @param kidSubsets disjoint subsets whose KID estimates give KID's standard error
 * @param classifierSteps Adam steps of the classifier (in batches of 100)
 * @param classifierSeed the seed of the classifier's initial weights and batch order; independent of the run's
 *     seed, so that runs on the same data share one classifier and their scores are comparable
 * @param cacheDir the cache root of trained classifiers; blank means {@code $ALWS_CACHE}, else
 *     {@code ~/.cache/alws}
 */
public record ImageQualityOptions(
        @Doc("Model images drawn (the test and training references use as many, at most the split's size), >= 2")
        int samples,
        @Doc("Model images: mean (the observed site's mean given a drawn z) or sample (a full draw)") Images images,
        @Doc("Model images per sampling call, >= 1") int batchSize,
        @Doc("Disjoint subsets for KID's standard error, >= 1") int kidSubsets,
        @Doc("Adam steps of the feature classifier (batches of 100), >= 1") int classifierSteps,
        @Doc("Seed of the feature classifier (not the run's: runs on the same data share one classifier)")
        long classifierSeed,
        @Doc("Cache root of trained classifiers (blank: $ALWS_CACHE, else ~/.cache/alws)") String cacheDir) {

    /** Which images of the model are scored. */
    public enum Images {
        /** The observed site's mean given a drawn latent: images without pixel noise. */
        MEAN,
        /** A full joint draw, pixel noise included. */
        SAMPLE
    }

    /** Validates. */
    public ImageQualityOptions {
        Check.atLeast("samples", samples, 2);
        if (images == null) {
            throw new ConfigException("images", null, "one of mean, sample");
        }
        Check.atLeast("batchSize", batchSize, 1);
        Check.atLeast("kidSubsets", kidSubsets, 1);
        Check.atLeast("classifierSteps", classifierSteps, 1);
        cacheDir = cacheDir == null ? "" : cacheDir;
    }

    /** 10,000 mean images in batches of 500, 10 KID subsets, the default classifier, the default cache. */
    public static ImageQualityOptions defaults() {
        ClassifierSettings c = ClassifierSettings.defaults();
        return new ImageQualityOptions(10_000, Images.MEAN, 500, 10, c.steps(), c.seed(), "");
    }

    /** The classifier these options ask for. */
    public ClassifierSettings classifier() {
        return ClassifierSettings.defaults().withSteps(classifierSteps).withSeed(classifierSeed);
    }
}
