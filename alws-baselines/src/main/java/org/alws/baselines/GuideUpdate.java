package org.alws.baselines;

/** Which objective reweighted wake-sleep fits its guide on. */
public enum GuideUpdate {
    /** Wake-φ: the self-normalised importance-weighted log q at the data's particles. */
    WAKE,
    /** Sleep-φ: log q(z | x) at dreamed samples (z, x) ~ p_θ. */
    SLEEP,
    /** The mean of the wake-φ and sleep-φ losses. */
    BOTH
}
