/**
 * Metrics: figures of merit evaluated on held-out data.
 */
package org.alws.api.metric;
