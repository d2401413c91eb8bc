package org.alws.baselines;

/** What a traced function of a baseline learner computes, so that learners build only what is needed. */
enum Purpose {
    /** A training step: θ and φ updates. */
    TRAIN,
    /** A guide step at fixed θ (before score estimates): φ only. */
    FIT_GUIDE,
    /** Per-point θ-gradient estimates: θ only, no update. */
    SCORE,
    /** The per-point bound, no gradient. */
    BOUND;

    boolean needsGuideUpdate() {
        return this == TRAIN || this == FIT_GUIDE;
    }
}
