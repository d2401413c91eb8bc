package org.alws.api.data;

import java.util.Optional;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/** A finite, indexable set of examples of one shape. Implementations are immutable. */
public interface Dataset {

    int size();

    /** The shape of one example. */
    Shape exampleShape();

    /**
     * The class label (0, 1, ...) of every example in order, for data sets that have labels (a classifier-based
     * metric trains on them); empty otherwise.
     */
    default Optional<int[]> labels() {
        return Optional.empty();
    }

    /** The examples at {@code indices}, stacked: [indices.length] + example shape, floating. */
    HostArray examples(int[] indices);

    /** All examples, in order. */
    default HostArray all() {
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return examples(idx);
    }
}
