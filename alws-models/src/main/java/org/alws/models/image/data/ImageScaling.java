package org.alws.models.image.data;

/** How 8-bit pixel values v = 0..255 become the floating values of an image data set. */
public enum ImageScaling {
    /** v/255 mapped linearly to [−1, 1]: 2v/255 − 1 (the paper's continuous images). */
    CONTINUOUS,
    /** 1 with probability v/255, else 0, drawn from the data seed stream (binarised images). */
    BINARISED,
    /** v/255, in [0, 1]. */
    UNIT;

    /** The value of pixel {@code v} under a deterministic scaling (not {@link #BINARISED}). */
    public float value(int v) {
        return switch (this) {
            case CONTINUOUS -> (float) (2.0 * v / 255.0 - 1.0);
            case UNIT -> (float) (v / 255.0);
            case BINARISED -> throw new IllegalStateException("binarised pixels are drawn, not computed");
        };
    }

    /** The value of a background (v = 0) pixel, used for padding: −1 for continuous, else 0. */
    public float background() {
        return this == CONTINUOUS ? -1f : 0f;
    }
}
