/**
 * Probabilistic PCA as a third-party plugin built against {@code alws-api} alone: the model program with its exact
 * likelihood and score, the closed-form maximum-likelihood solution it is checked against, and a synthetic data
 * set.
 */
package org.alws.examples.ppca;
