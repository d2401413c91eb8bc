package org.alws.baselines.guide;

/** What the {@link DefaultGuide} reads the data with before its heads. */
public enum Encoder {
    /** A convolutional encoder for image data (an observed event shape [H, W, C]), else the MLP. */
    AUTO,
    /** The MLP on the flattened data. */
    MLP,
    /** Strided convolutions over image data [H, W, C], then the MLP on their flattened features. */
    CONV
}
