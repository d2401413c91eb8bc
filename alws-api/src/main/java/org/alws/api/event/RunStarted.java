package org.alws.api.event;

/**
 * A run has started (or resumed).
 *
 * @param runName name of the run (its directory name)
 * @param firstStep index of the first step to run (non-zero when resuming)
 * @param totalSteps the step count the run ends at
 */
public record RunStarted(String runName, long firstStep, long totalSteps) {
}
