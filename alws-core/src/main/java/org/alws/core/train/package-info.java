/**
 * Training runs: the run configuration, its resolution against the plugin registry, the training loop with its
 * listeners, checkpoints and resumption.
 */
package org.alws.core.train;
