package org.alws.api.data;

import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/** A finite, indexable set of examples of one shape. Implementations are immutable. */
public interface Dataset {

    int size();

    /** The shape of one example. */
    Shape exampleShape();

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
