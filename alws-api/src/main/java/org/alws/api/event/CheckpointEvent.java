package org.alws.api.event;

import java.nio.file.Path;

/**
 * A checkpoint has been written atomically.
 *
 * @param step number of steps it holds
 * @param file the checkpoint file
 */
public record CheckpointEvent(long step, Path file) {
}
