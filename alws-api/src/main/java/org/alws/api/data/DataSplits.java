package org.alws.api.data;

import java.util.Objects;

/** The training and held-out parts of a data set; both have the same example shape. */
public record DataSplits(Dataset train, Dataset test) {
    public DataSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.exampleShape().equals(test.exampleShape())) {
            throw new IllegalArgumentException("train examples have shape " + train.exampleShape()
                    + " but test examples have shape " + test.exampleShape());
        }
    }
}
