package org.alws.core.alws;

/** Which regression targets ALWS uses (design.md §2). */
public enum Objective {
    /** Exponential-family form when the observed site is an exponential family, else the log joint. */
    AUTO,
    /** Regress the natural parameters and the log-normaliser minus the log prior; use S(x*) exactly. */
    EXPONENTIAL_FAMILY,
    /** Regress the log joint log p(z, x). */
    LOG_JOINT
}
