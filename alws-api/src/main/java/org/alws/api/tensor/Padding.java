package org.alws.api.tensor;

/** Convolution padding, as in TensorFlow: VALID keeps only full windows, SAME pads to keep size/stride. */
public enum Padding {
    VALID, SAME
}
