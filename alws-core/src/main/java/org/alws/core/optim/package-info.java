/** Optimiser plugins: Adam and SGD with momentum, as in-graph update rules. */
package org.alws.core.optim;
