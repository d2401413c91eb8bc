/** Kernel plugins for the regressors of ALWS. */
package org.alws.core.kernel;
