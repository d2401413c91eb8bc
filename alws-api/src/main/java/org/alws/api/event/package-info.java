/**
 * Training events and the listener that receives progress and metrics.
 */
package org.alws.api.event;
