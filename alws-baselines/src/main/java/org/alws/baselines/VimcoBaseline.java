package org.alws.baselines;

/** What stands in for a particle's weight in VIMCO's leave-one-out baseline (Mnih and Rezende, 2016). */
public enum VimcoBaseline {
    /** The geometric mean of the other K − 1 weights (the paper's choice). */
    GEOMETRIC,
    /** The arithmetic mean of the other K − 1 weights. */
    ARITHMETIC
}
