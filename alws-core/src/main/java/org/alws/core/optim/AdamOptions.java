package org.alws.core.optim;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of {@link Adam}.
 *
 * @param learningRate step size
 * @param beta1 decay of the first-moment average
 * @param beta2 decay of the second-moment average
 * @param epsilon added to the root of the second moment
 * @param weightDecay decoupled weight decay per step (AdamW); 0 turns it off
 */
public record AdamOptions(
        @Doc("step size") double learningRate,
        @Doc("decay of the first-moment average, in [0, 1)") double beta1,
        @Doc("decay of the second-moment average, in [0, 1)") double beta2,
        @Doc("added to the root of the second moment") double epsilon,
        @Doc("decoupled weight decay (AdamW); 0 turns it off") double weightDecay) {

    public AdamOptions {
        Check.positive("learningRate", learningRate);
        Check.inRange("beta1", beta1, 0, 0.999999);
        Check.inRange("beta2", beta2, 0, 0.999999999);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** PyTorch's and the reference implementation's defaults with learning rate 1e-3. */
    public static AdamOptions defaults() {
        return new AdamOptions(1e-3, 0.9, 0.999, 1e-8, 0.0);
    }
}
