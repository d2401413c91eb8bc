package org.alws.api.learn;

import org.alws.api.tensor.HostArray;

/** A learner prepared for one training run: its functions compiled, ready to take steps. */
public interface LearnerSession extends AutoCloseable {

    /**
     * One update from a minibatch of data.
     *
     * @param batch the data, [batch size] + example shape
     * @param step the 0-based index of this step in the run (seeds derive from it)
     */
    StepResult step(HostArray batch, long step);

    @Override
    default void close() {
    }
}
