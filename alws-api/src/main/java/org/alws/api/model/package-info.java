/**
 * Generative models as programs with named sample sites, the traces that run them (to sample or to score), their parameters and optional exact-likelihood capabilities.
 */
package org.alws.api.model;
