package org.alws.core.optim;

import org.alws.api.config.Check;
import org.alws.api.config.Doc;

/**
 * Options of {@link Sgd}.
 *
 * @param learningRate step size
 * @param momentum heavy-ball momentum in [0, 1); 0 is plain SGD
 * @param nesterov use Nesterov's look-ahead form
 */
public record SgdOptions(
        @Doc("step size") double learningRate,
        @Doc("momentum in [0, 1); 0 is plain SGD") double momentum,
        @Doc("use Nesterov's look-ahead form") boolean nesterov) {

    public SgdOptions {
        Check.positive("learningRate", learningRate);
        Check.inRange("momentum", momentum, 0, 0.999999);
    }
}
