/** Benchmarks of the framework's parts against the bare backend operations they are built from. */
package org.alws.core.bench;
