/**
 * Test support: a small eager, host-side evaluator of the symbolic tensor API, so that model programs can be run
 * and checked in pure Java before a backend is available.
 */
package org.alws.models.testing;
