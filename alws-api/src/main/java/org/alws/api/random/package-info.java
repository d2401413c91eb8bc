/**
 * Reproducible seed streams derived from one root seed per run.
 */
package org.alws.api.random;
