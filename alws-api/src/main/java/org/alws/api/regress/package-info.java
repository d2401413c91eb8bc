/**
 * Gradient models for ALWS: kernels, regressors and the linear smoothers they fit.
 */
package org.alws.api.regress;
