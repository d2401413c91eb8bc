/**
 * PNG figures of training runs (learning curves, samples, comparisons, histograms) drawn with XChart, and grids of
 * images ({@link org.alws.core.plot.ImageGrid}), headless.
 */
package org.alws.core.plot;
