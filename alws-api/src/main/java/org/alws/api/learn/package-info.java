/**
 * Learners and optimisers: the {@link org.alws.api.learn.Learner} SPI (ALWS and the baselines), the step contract,
 * and in-graph optimiser updates with a finite-value guard.
 */
package org.alws.api.learn;
