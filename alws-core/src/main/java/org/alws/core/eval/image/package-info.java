/**
 * Sample quality of image models: the {@code fid} and {@code kid} metrics on the penultimate features of a small
 * LeNet-style classifier that the framework trains itself, deterministically from a seed, on the data set's
 * training split, and caches on disk.
 */
package org.alws.core.eval.image;
