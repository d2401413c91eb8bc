package org.alws.api.dist;

/** The set a distribution's values live in; guides and learners use it to choose proposals and check models. */
public enum Support {
    /** All real numbers. */
    REAL,
    /** (0, infinity). */
    POSITIVE,
    /** (0, 1). */
    UNIT_INTERVAL,
    /** A bounded interval [low, high). */
    INTERVAL,
    /** {0, 1}. */
    BINARY,
    /** {0, ..., K-1}, an INT32 value. */
    CATEGORICAL;

    /** True for the supports of discrete distributions. */
    public boolean isDiscrete() {
        return this == BINARY || this == CATEGORICAL;
    }
}
