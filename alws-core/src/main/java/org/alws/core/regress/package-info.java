/** Regressor plugins (gradient models of ALWS): exact kernel ridge regression and the bandwidth heuristics. */
package org.alws.core.regress;
