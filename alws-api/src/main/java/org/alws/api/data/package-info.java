/**
 * Data sets: indexable collections of examples and their train/test splits.
 */
package org.alws.api.data;
