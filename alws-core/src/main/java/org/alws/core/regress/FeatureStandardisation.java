package org.alws.core.regress;

/** How the {@code projection} feature map centres and scales its features (see {@link RandomProjection}). */
public enum FeatureStandardisation {
    /**
     * Every batch by its own statistics: the sleep inputs, the queries and the validation inputs of a fit each have
     * every feature at mean 0 and variance 1 (the reference implementation's BatchNorm layer in training mode).
     */
    BATCH,
    /** By the sleep inputs' statistics: the same affine map, fitted on the sleep inputs, for them and every query. */
    SLEEP,
    /** Not at all: the raw projection. */
    NONE
}
