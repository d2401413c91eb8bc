/**
 * PNG figures of training runs (learning curves, samples, comparisons) drawn with XChart, headless.
 */
package org.alws.core.plot;
