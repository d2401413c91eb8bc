/** Evaluation: metric plugins on held-out data and the gradient-estimation study. */
package org.alws.core.eval;
