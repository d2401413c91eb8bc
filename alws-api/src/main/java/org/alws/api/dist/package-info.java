/**
 * Probability distributions with sampling and log-densities, marked reparameterised and/or exponential family.
 */
package org.alws.api.dist;
