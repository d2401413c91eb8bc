package org.alws.api.event;

/**
 * A run has ended.
 *
 * @param stepsCompleted steps taken in total
 * @param completed true if all steps ran; false if it stopped early
 * @param reason why it stopped early (empty if it completed)
 * @param elapsedSeconds wall time of this invocation
 */
public record RunFinished(long stepsCompleted, boolean completed, String reason, double elapsedSeconds) {
}
